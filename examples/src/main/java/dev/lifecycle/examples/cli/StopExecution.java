package dev.lifecycle.examples.cli;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.examples.cli.view.EventLines;
import dev.lifecycle.examples.cli.view.JsonReports;
import dev.lifecycle.examples.cli.view.SummaryTable;
import dev.lifecycle.examples.cli.view.TerminalProgress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stops instances all at once with {@code stopAll} — the library's one-deadline batch —
 * showing live progress and then the summary, or only the JSON document.
 */
final class StopExecution {

    private StopExecution() {
    }

    /**
     * @param instances the instances, in display order
     * @param options how to stop
     * @param style how to show it
     * @param ctx where to show it
     * @return the reports, in the order of {@code instances}
     */
    static List<StopReport> run(List<Instance> instances, StopOptions options, OutputStyle style, CliContext ctx) {
        List<String> names = instances.stream().map(Instance::name).collect(Collectors.toList());
        StopListener listener;
        switch (style) {
            case LIVE:
                TerminalProgress progress = new TerminalProgress(ctx.out(), names, ctx.terminal().width());
                progress.start();
                listener = progress;
                break;
            case PLAIN:
                listener = new EventLines(ctx.out(), names);
                break;
            default:
                listener = StopListener.NONE;
        }
        InstanceStopper stopper = InstanceStoppers.builder().listener(listener).build();
        List<StopReport> reports = stopper.stopAll(instances, options).join();
        if (style == OutputStyle.JSON) {
            JsonReports.write(ctx.out(), reports);
        } else {
            ctx.out().println();
            SummaryTable.print(ctx.out(), reports);
        }
        return reports;
    }
}
