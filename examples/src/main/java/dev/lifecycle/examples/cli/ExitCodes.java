// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.StopReport;
import java.util.List;

/** The CLI's exit codes, stable for scripts. */
public final class ExitCodes {

    /** Every instance ended stopped (or the command did what was asked). */
    public static final int OK = 0;
    /**
     * An instance could not be stopped ({@code FAILED}); as for limactl, a name that is no
     * instance, or a Lima home that does not exist for {@code stop}; the demo did not end as
     * expected; or an unexpected error.
     */
    public static final int FAILED = 1;
    /** The command line is wrong: unknown option, bad duration, bad {@code --format}, ... */
    public static final int USAGE = 2;
    /**
     * The command ran, but what it printed on stdout could not be written (a full disk, a
     * closed pipe); stderr says why. A command that failed otherwise keeps its own code.
     */
    public static final int OUTPUT_FAILED = 3;

    private ExitCodes() {
    }

    /**
     * @param reports the reports of a stop
     * @return {@link #OK} if every instance ended stopped, else {@link #FAILED}
     */
    public static int of(List<StopReport> reports) {
        return reports.stream().allMatch(r -> r.outcome().isStopped()) ? OK : FAILED;
    }
}
