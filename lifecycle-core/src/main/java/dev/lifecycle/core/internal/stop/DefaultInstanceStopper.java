// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopPlan;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.StartAtLogin;
import dev.lifecycle.core.internal.lima.DeclaredNetworks;
import dev.lifecycle.core.internal.discovery.VmTypeExtensions;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.VmTypeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The {@link InstanceStopper}: every stop, single or many, is a batch of {@link StopRun}s
 * sharing one deadline ({@link GraceClock}, started once every interrupt is sent), so
 * stopping N instances costs the slowest one, not the sum.
 */
public final class DefaultInstanceStopper implements InstanceStopper {

    private final ProcessControl control;
    private final Optional<String> degradation;
    private final VmTypeExtensions extensions;
    private final CommandRunner commands;
    private final StopListener listener;
    private final StopThreads threads;
    private final AutostartServiceStop autostart;
    private final NetworkReconcile networks;

    /**
     * @param control the process provider
     * @param degradation why the provider is a stand-in for the one made for this OS, if it is;
     *     recorded as the first step of every report
     * @param extensions the VM-type extensions, first match wins
     * @param extensionSettings the host app's settings by extension id; each extension sees its own only
     * @param commands the bounded command runner handed to extensions and used for service managers
     * @param listener receives live events, through a bounded hand-off per batch
     * @param startAtLogin the service manager that starts instances at login, if any
     */
    public DefaultInstanceStopper(ProcessControl control, Optional<String> degradation, List<VmTypeExtension> extensions,
                                  Map<String, Map<String, String>> extensionSettings, CommandRunner commands,
                                  StopListener listener, Optional<StartAtLogin> startAtLogin) {
        this.control = Objects.requireNonNull(control, "control");
        this.degradation = Objects.requireNonNull(degradation, "degradation");
        this.extensions = new VmTypeExtensions(extensions, extensionSettings);
        this.commands = Objects.requireNonNull(commands, "commands");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.threads = StopThreads.shared();
        this.autostart = new AutostartServiceStop(Objects.requireNonNull(startAtLogin, "startAtLogin"), commands);
        this.networks = new NetworkReconcile(control);
    }

    /**
     * Waits for the report; an interrupt of the waiting thread (or one pending on entry)
     * cancels the stop as cancelling {@link #stopAsync}'s future does, and the report of
     * the cancelled stop is returned with the interrupt status set again.
     */
    @Override
    public StopReport stop(Instance instance, StopOptions options) {
        Objects.requireNonNull(instance, "instance");
        // Interrupted already: the batch starts cancelled, so nothing is signalled at all.
        Batch batch = start(List.of(instance), options, Thread.currentThread().isInterrupted());
        try {
            return batch.reports().get().get(0);
        } catch (InterruptedException e) {
            batch.control().cancel();
            // Not interruptible, and short: the waits end at once; a kill in progress is
            // confirmed within the kill timeout before the run stops.
            StopReport report = batch.reports().join().get(0);
            Thread.currentThread().interrupt();
            return report;
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    @Override
    public CompletableFuture<StopReport> stopAsync(Instance instance, StopOptions options) {
        Objects.requireNonNull(instance, "instance");
        Batch batch = start(List.of(instance), options, false);
        return cancelling(batch.reports().thenApply(list -> list.get(0)), batch.control());
    }

    @Override
    public CompletableFuture<List<StopReport>> stopAll(Collection<Instance> instances, StopOptions options) {
        Batch batch = start(instances, options, false);
        return cancelling(batch.reports(), batch.control());
    }

    @Override
    public StopPlan plan(Instance instance, StopOptions options) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(options, "options");
        return new StopPlanner(control, autostart).plan(instance, options, extensions.forVmType(instance.vmType()));
    }

    /**
     * A started batch.
     *
     * @param control cancels every run of the batch
     * @param reports the runs' reports, in order; never cancelled by a caller (cancelling ends
     *     the runs, which then complete it with their reports)
     */
    private record Batch(StopBatch control, CompletableFuture<List<StopReport>> reports) {
    }

    private Batch start(Collection<Instance> instances, StopOptions options, boolean cancelled) {
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(options, "options");
        Set<String> names = new HashSet<>();
        for (Instance i : instances) {
            if (!names.add(Objects.requireNonNull(i, "instance").name())) {
                throw new IllegalArgumentException("instance '" + i.name() + "' is listed twice; names must be distinct");
            }
        }
        StopBatch batch = new StopBatch();
        if (cancelled) {
            batch.cancel();
        }
        // Each batch hands its events over on its own: a listener stuck on one batch's
        // events holds up neither that batch's stops nor another batch's delivery.
        StopListener events = listener == StopListener.NONE ? StopListener.NONE
                : new ListenerHandOff(listener, ListenerHandOff.capacityFor(instances.size()), threads.listeners());
        List<StopRun> prepared = new ArrayList<>();
        Map<String, StopRecorder> recorders = new HashMap<>();
        Map<Instance, DeclaredNetworks> networkUsers = new ConcurrentHashMap<>();
        for (Instance i : instances) {
            StopRecorder recorder = new StopRecorder(i, events);
            recorders.put(i.name(), recorder);
            degradation.ifPresent(why -> recorder.note(StepResult.of(Steps.PROCESS_CONTROL, StepStatus.SUCCEEDED,
                    Duration.ZERO, "degraded: " + why)));
            Optional<VmTypeExtension> extension = extensions.forVmType(i.vmType());
            Map<String, String> settings = extension.map(extensions::settingsOf).orElse(Map.of());
            CoreExtensionContext ctx = new CoreExtensionContext(options, settings, commands, recorder);
            prepared.add(new StopRun(i, options, control, extension, threads, recorder, ctx, batch, autostart));
        }
        // Every run is created before any starts: the clock waits for each of them.
        GraceClock clock = new GraceClock(prepared.size(), options.gracePeriod());
        List<Instance> ordered = List.copyOf(instances);
        List<CompletableFuture<StopReport>> started = new ArrayList<>();
        for (StopRun run : prepared) {
            started.add(run.start(clock));
        }
        // The networks an instance attaches to are read once every run has been queued, so
        // that the workers read them while the runs wait out the grace period, not after the
        // forced sequences (a lima.yaml does not change while its instance stops).
        List<CompletableFuture<StopReport>> runs = new ArrayList<>();
        for (int n = 0; n < prepared.size(); n++) {
            Instance i = ordered.get(n);
            StopRecorder recorder = recorders.get(i.name());
            CompletableFuture<Optional<DeclaredNetworks>> attached =
                    CompletableFuture.supplyAsync(() -> networks.attachedTo(i), threads.workers());
            runs.add(started.get(n)
                    // An instance on no shared network is reported as soon as its own stop ends; the others
                    // wait for the batch's network step.
                    .thenCombineAsync(attached, (report, networksOf) -> networksOf.map(d -> {
                        networkUsers.put(i, d);
                        return report;
                    }).orElseGet(recorder::publish), threads.workers()));
        }
        return new Batch(batch, CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .thenApplyAsync(v -> finishBatch(instances, runs, networkUsers, options, recorders, batch),
                        threads.workers()));
    }

    /** The caller's view of a batch: cancelling it cancels the stops, not only the wait for them. */
    private static <T> CompletableFuture<T> cancelling(CompletableFuture<T> reports, StopBatch batch) {
        CompletableFuture<T> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                // Cancel this future first: ending the waits can complete the runs at once.
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                batch.cancel();
                return cancelled;
            }
        };
        reports.whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        });
        return result;
    }

    /** Once every stop has ended: the network step (as {@code limactl stop} does it), then the last reports. */
    private List<StopReport> finishBatch(Collection<Instance> instances, List<CompletableFuture<StopReport>> runs,
                                         Map<Instance, DeclaredNetworks> networkUsers, StopOptions options,
                                         Map<String, StopRecorder> recorders, StopBatch batch) {
        if (!networkUsers.isEmpty() && !batch.isCancelled()) {
            Map<Instance, DeclaredNetworks> inOrder = new LinkedHashMap<>();
            instances.stream().filter(networkUsers::containsKey).forEach(i -> inOrder.put(i, networkUsers.get(i)));
            networks.stopUnused(inOrder, options, recorders);
        }
        return runs.stream().map(CompletableFuture::join)
                .map(r -> recorders.get(r.instance()).publish()).toList();
    }

}
