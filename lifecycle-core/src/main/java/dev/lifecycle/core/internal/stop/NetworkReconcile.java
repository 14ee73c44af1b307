// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.core.internal.lima.DeclaredNetworks;
import dev.lifecycle.core.internal.lima.NetworkDaemon;
import dev.lifecycle.core.internal.lima.NetworksConfig;
import dev.lifecycle.spi.ProcessControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code limactl stop} does after its stops ({@code pkg/networks/reconcile}): the daemons
 * of Lima's shared networks that no running instance uses any more are stopped. Here, once a
 * batch of stops has ended, and with two deliberate limits that keep it to the instances the
 * caller asked to stop: only networks an instance of the batch attached to are considered, and
 * an instance counts as using its networks unless it reads Stopped (Lima counts only Running
 * ones, so a Broken instance whose VM may still run would lose its network). When any instance
 * that may run has networks that cannot be read, or the Lima home cannot be listed, nothing is
 * stopped — as Lima skips the reconcile when an instance cannot be inspected.
 *
 * <p>Each considered network gives one {@value Steps#STOP_NETWORK_DAEMONS} step, recorded in
 * the report of every instance of the batch that attached to it.
 */
final class NetworkReconcile {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkReconcile.class);

    private final ProcessControl control;
    private final NetworkDaemonStop daemons;

    NetworkReconcile(ProcessControl control) {
        this.control = control;
        this.daemons = new NetworkDaemonStop(control);
    }

    /**
     * The networks an instance of the batch attached to, read once its stop has ended.
     *
     * @return the declaration, or empty if it attaches to none (its report need not wait)
     */
    Optional<DeclaredNetworks> attachedTo(Instance instance) {
        try {
            DeclaredNetworks d = DeclaredNetworks.of(instance.limaHome(), instance.directory());
            return d.attachments().isEmpty() ? Optional.empty() : Optional.of(d);
        } catch (RuntimeException e) {
            // Reading must never cost the report; without the networks nothing is stopped for it.
            LOG.warn("[{}] could not read the instance's networks; no network daemon is stopped for it: {}",
                    instance.name(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * Stops the daemons the batch left unused and records a step for each considered network.
     *
     * @param users the instances of the batch that attached to networks, with what they attached to
     * @param recorders the recorders of the batch, by instance name
     */
    void stopUnused(Map<Instance, DeclaredNetworks> users, StopOptions options, Map<String, StopRecorder> recorders) {
        Map<Path, List<Instance>> byHome = new LinkedHashMap<>();
        users.keySet().forEach(i -> byHome.computeIfAbsent(i.limaHome(), h -> new ArrayList<>()).add(i));
        for (Map.Entry<Path, List<Instance>> home : byHome.entrySet()) {
            try {
                reconcile(home.getKey(), home.getValue(), users, options, recorders);
            } catch (RuntimeException e) {
                LOG.warn("Network daemons of {} were not reconciled: {}", home.getKey(), e.toString());
                StepResult failed = StepResult.of(Steps.STOP_NETWORK_DAEMONS, StepStatus.FAILED, Duration.ZERO,
                        "unexpected error, no network daemon was stopped: " + e);
                home.getValue().forEach(i -> recorders.get(i.name()).add(failed));
            }
        }
    }

    private void reconcile(Path home, List<Instance> batchUsers, Map<Instance, DeclaredNetworks> users,
                           StopOptions options, Map<String, StopRecorder> recorders) {
        NetworksConfig.Read read = NetworksConfig.read(home);
        Optional<NetworksConfig> config = read instanceof NetworksConfig.Loaded loaded
                ? Optional.of(loaded.config()) : Optional.empty();
        Map<String, Set<String>> attachedBy = new TreeMap<>();
        for (Instance i : batchUsers) {
            networks(home, users.get(i), config).forEach(n -> attachedBy.computeIfAbsent(n, k -> new LinkedHashSet<>())
                    .add(i.name()));
        }
        if (attachedBy.isEmpty()) {
            return; // only sockets that no Lima daemon serves
        }
        long start = System.nanoTime();
        if (config.isEmpty()) {
            String problem = ((NetworksConfig.Unreadable) read).problem();
            attachedBy.forEach((network, names) -> record(names, recorders, StepResult.of(Steps.STOP_NETWORK_DAEMONS,
                    StepStatus.REFUSED, ProcessKiller.since(start), "daemon of network '" + network
                            + "' left running: " + problem)));
            return;
        }
        Usage usage = usage(home, config.get());
        for (Map.Entry<String, Set<String>> e : attachedBy.entrySet()) {
            String network = e.getKey();
            List<StopRecorder> recs = e.getValue().stream().map(recorders::get).toList();
            Optional<NetworkDaemon> daemon = config.get().daemon(home, network);
            Set<String> stillUsing = usage.users.getOrDefault(network, Set.of());
            StepResult step;
            if (daemon.isEmpty()) {
                step = StepResult.of(Steps.STOP_NETWORK_DAEMONS, StepStatus.SKIPPED, ProcessKiller.since(start),
                        "network '" + network + "' is not defined in " + home.resolve(NetworksConfig.FILE)
                                + " (or has no paths.varRun), so Lima runs no daemon for it");
            } else if (!stillUsing.isEmpty()) {
                step = StepResult.of(Steps.STOP_NETWORK_DAEMONS, StepStatus.SKIPPED, ProcessKiller.since(start),
                        daemon.get().describe() + " left running: still used by instance "
                                + String.join(", ", stillUsing.stream().map(n -> "'" + n + "'").toList())
                                + ", which may still run");
            } else if (usage.unknown.isPresent()) {
                step = StepResult.of(Steps.STOP_NETWORK_DAEMONS, StepStatus.REFUSED, ProcessKiller.since(start),
                        daemon.get().describe() + " left running: " + usage.unknown.get());
            } else {
                step = daemons.stop(daemon.get(), options, recs);
            }
            recs.forEach(r -> r.add(step));
        }
    }

    /** Which networks instances that may still run use, and why that may be unknown. */
    private record Usage(Map<String, Set<String>> users, Optional<String> unknown) {
    }

    private Usage usage(Path home, NetworksConfig config) {
        List<LimaInstance> all;
        try {
            all = LimaHome.of(home, control).list();
        } catch (RuntimeException e) {
            return new Usage(Map.of(), Optional.of("cannot tell which instances still use it: " + e.getMessage()));
        }
        Map<String, Set<String>> users = new TreeMap<>();
        Optional<String> unknown = Optional.empty();
        for (LimaInstance li : all) {
            if (li.status() == InstanceStatus.STOPPED) {
                continue;
            }
            DeclaredNetworks d = DeclaredNetworks.of(home, li.instance().directory());
            if (!d.known() && unknown.isEmpty()) {
                unknown = Optional.of("instance '" + li.name() + "' may still run (" + li.status()
                        + ") and its networks cannot be read: " + d.problems().get(0));
            }
            networks(home, d, Optional.of(config)).forEach(n -> users.computeIfAbsent(n, k -> new LinkedHashSet<>())
                    .add(li.name()));
        }
        return new Usage(users, unknown);
    }

    /** The Lima networks a declaration names: by name, and by a socket that is one of a Lima daemon's. */
    private static Set<String> networks(Path home, DeclaredNetworks d, Optional<NetworksConfig> config) {
        Set<String> names = new LinkedHashSet<>(d.attachments().limaNetworks());
        config.ifPresent(c -> d.attachments().sockets().forEach(s -> c.networkOfSocket(home, s).ifPresent(names::add)));
        return names;
    }

    private static void record(Set<String> names, Map<String, StopRecorder> recorders, StepResult step) {
        names.forEach(n -> recorders.get(n).add(step));
    }
}
