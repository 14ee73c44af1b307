// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopPlan;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.examples.cli.view.EventLines;
import dev.lifecycle.examples.cli.view.JsonPlans;
import dev.lifecycle.examples.cli.view.TerminalProgress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Stops instances all at once with {@code stopAll} — the library's one-deadline batch —
 * showing live progress and then the summary, or only the JSON document.
 *
 * <p>Ctrl+C (or SIGTERM) during the stop cancels it: the waits end at once and nothing more
 * is forced, as when a host app cancels the future. A shutdown hook then prints what each
 * stop did, in the chosen format, and the program ends.
 */
final class StopExecution {

    /**
     * How long Ctrl+C waits for the reports after cancelling: a cancelled wait ends at once,
     * a kill already sent is confirmed within milliseconds.
     */
    static final Duration INTERRUPT_WAIT = Duration.ofSeconds(2);

    private StopExecution() {
    }

    /**
     * @param instances the instances, in display order
     * @param options how to stop
     * @param wslExe the {@code wsl.exe} for WSL2 instances, when the user named one
     * @param control the process provider to use instead of the discovered one, if any
     * @param style how to show it
     * @param ctx where to show it
     * @return the reports, in the order of {@code instances}
     */
    static List<StopReport> run(List<Instance> instances, StopOptions options, WslExeOption wslExe,
                                Optional<ProcessControl> control, OutputStyle style, CliContext ctx) {
        List<String> names = instances.stream().map(Instance::name).collect(Collectors.toList());
        StopListener view = view(style, ctx, names, options);
        ReportCollector collector = new ReportCollector(names, view);
        StopOutput output = new StopOutput(style, ctx);
        CompletableFuture<List<StopReport>> stop = stopper(collector, wslExe, control).stopAll(instances, options);
        Thread onInterrupt = new Thread(() -> {
            stop.cancel(true);
            try {
                List<StopReport> done = collector.awaitUpTo(INTERRUPT_WAIT);
                output.interrupted(done, collector.missing(), INTERRUPT_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lifecycle-stop-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            List<StopReport> reports = stop.join();
            collector.awaitAll(); // the live view shows every event before the summary
            output.complete(reports);
            return reports;
        } catch (CancellationException e) {
            // Only the shutdown hook cancels: it prints; the JVM ends once it is done.
            joinQuietly(onInterrupt);
            return collector.received();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return collector.received();
        } finally {
            if (view instanceof TerminalProgress progress) {
                progress.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /**
     * {@code stop --dry-run}: what a stop of each instance would do, from the stopper's own
     * plan; nothing is signalled or removed.
     *
     * @param instances the instances, in display order
     * @param options the options the stop would use
     * @param wslExe the {@code wsl.exe} for WSL2 instances, when the user named one
     * @param json whether to print one JSON document instead of text
     * @param ctx where to print
     */
    static void plan(List<Instance> instances, StopOptions options, WslExeOption wslExe, boolean json,
                     CliContext ctx) {
        InstanceStopper stopper = stopper(StopListener.NONE, wslExe, Optional.empty());
        List<StopPlan> plans = instances.stream().map(i -> stopper.plan(i, options)).toList();
        if (json) {
            JsonPlans.write(ctx.out(), plans);
        } else {
            ctx.out().println(plans.stream().map(StopPlan::describe).collect(Collectors.joining(
                    System.lineSeparator() + System.lineSeparator())));
            ctx.out().flush();
        }
    }

    private static InstanceStopper stopper(StopListener listener, WslExeOption wslExe,
                                           Optional<ProcessControl> control) {
        InstanceStoppers.Builder builder = wslExe.applyTo(InstanceStoppers.builder().listener(listener));
        control.ifPresent(builder::processControl);
        return builder.build();
    }

    private static StopListener view(OutputStyle style, CliContext ctx, List<String> names, StopOptions options) {
        switch (style) {
            case LIVE:
                TerminalProgress progress = new TerminalProgress(ctx.out(), names, ctx.terminal().width(),
                        options.gracePeriod(), options.mode() != StopMode.GRACEFUL_ONLY);
                progress.start();
                return progress;
            case PLAIN:
                return new EventLines(ctx.out(), names);
            default:
                return StopListener.NONE;
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
