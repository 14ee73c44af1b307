// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.ExtensionContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the WSL distro {@code lima-<name>} of one instance, for one stop: lists the running
 * distros, terminates this one if it runs, and lists again to confirm. Every outcome of
 * {@code wsl.exe} is a {@link StepResult}; an unexpected exception is left to
 * {@link Wsl2VmTypeExtension}, which turns it into one. The core records and logs the
 * returned step, so this class logs only its working at DEBUG.
 */
final class Wsl2DistroTerminator {

    /** The driver step of the forced path. */
    static final String TERMINATE_STEP = Wsl2VmTypeExtension.TERMINATE_DISTRO;
    /** The check after a graceful stop. */
    static final String CONFIRM_STEP = Wsl2VmTypeExtension.CONFIRM_DISTRO_STOPPED;
    /** The prefix Lima gives the distro of an instance. */
    static final String DISTRO_PREFIX = "lima-";

    private static final Logger LOG = LoggerFactory.getLogger(Wsl2DistroTerminator.class);

    /** wsl.exe's answer (exit code -1) for a distro that is not registered: it cannot run. */
    private static final String NO_SUCH_DISTRO = "no distribution with the supplied name";
    /** How older wsl.exe versions say "none" for --list, with a non-zero exit code. */
    private static final List<String> NOTHING_RUNNING = List.of(
            "no running distributions", "has no installed distributions");

    private final String instance;
    private final String distro;
    private final ExtensionContext context;
    private final WslClient wsl;

    /**
     * @param instance the instance whose distro to stop
     * @param context the stop's context, for events
     * @param wsl the bounded {@code wsl.exe}
     */
    Wsl2DistroTerminator(Instance instance, ExtensionContext context, WslClient wsl) {
        this.instance = instance.name();
        this.distro = distroName(instance);
        this.context = Objects.requireNonNull(context, "context");
        this.wsl = Objects.requireNonNull(wsl, "wsl");
    }

    /**
     * @param instance an instance
     * @return the name of its WSL distro, {@code lima-<name>}
     */
    static String distroName(Instance instance) {
        return DISTRO_PREFIX + instance.name();
    }

    /**
     * The forced path's driver step: terminate the distro if it runs and confirm it stopped.
     *
     * @return {@link StepStatus#SKIPPED} if it was not running, {@link StepStatus#SUCCEEDED} if
     *     it was terminated, else a problem
     */
    StepResult terminate() {
        return run(TERMINATE_STEP);
    }

    /**
     * After a graceful stop: confirm the distro stopped, and terminate it if it did not.
     *
     * @return {@link StepStatus#SUCCEEDED} if it is stopped (now), else a problem
     */
    StepResult confirmStopped() {
        return run(CONFIRM_STEP);
    }

    private StepResult run(String step) {
        long start = System.nanoTime();
        Outcome outcome = attempt(step);
        // No log line and no STEP_COMPLETED / STEP_FAILED event here: the core records the
        // returned step, logs it and publishes that event itself; doing it here too would
        // show every distro step twice.
        return StepResult.of(step, outcome.status(), Duration.ofNanos(System.nanoTime() - start), outcome.message());
    }

    private Outcome attempt(String step) {
        Listing before = list(step);
        if (before instanceof Listing.Problem p) {
            return p.outcome();
        }
        if (before instanceof Listing.Seen seen && !seen.running()) {
            return step.equals(TERMINATE_STEP)
                    ? new Outcome(StepStatus.SKIPPED, "distro " + distro + " is not running; nothing to terminate")
                    : new Outcome(StepStatus.SUCCEEDED, "distro " + distro + " confirmed stopped");
        }
        LOG.debug("[{}] {}: distro {} is running; terminating it with {}", instance, step, distro,
                wsl.executable().program());
        publish(StopEvent.Type.KILL_SENT, step, "terminating distro " + distro + " (wsl.exe --terminate)");
        WslClient.Call terminate = wsl.terminate(distro);
        CommandResult t = terminate.result();
        if (t.status() != CommandResult.Status.COMPLETED) {
            return commandProblem(terminate);
        }
        String terminateNote = "";
        if (t.exitCode() != 0) {
            if (terminate.mentions(NO_SUCH_DISTRO)) {
                return new Outcome(StepStatus.SUCCEEDED, "distro " + distro
                        + " is gone: wsl.exe reports no distribution with that name");
            }
            // Still confirm: the distro may have stopped although wsl.exe complained.
            terminateNote = "; " + terminate.display() + " had exited with code " + t.exitCode()
                    + outputClause(terminate);
        }
        Listing after = list(step);
        if (after instanceof Listing.Problem p) {
            return p.outcome();
        }
        if (after instanceof Listing.Seen seen && seen.running()) {
            return new Outcome(StepStatus.FAILED, "distro " + distro + " still running after wsl.exe --terminate;"
                    + " the instance's disks stay locked and its files stay in place" + terminateNote);
        }
        return new Outcome(StepStatus.SUCCEEDED, step.equals(TERMINATE_STEP)
                ? "distro " + distro + " terminated and confirmed stopped"
                : "distro " + distro + " was still running after the host agent exited; terminated it and"
                        + " confirmed it stopped");
    }

    /** Whether the distro is in {@code wsl.exe --list --running --quiet}, or why that is unknown. */
    private Listing list(String step) {
        WslClient.Call call = wsl.listRunning();
        CommandResult r = call.result();
        if (r.status() != CommandResult.Status.COMPLETED) {
            return new Listing.Problem(commandProblem(call));
        }
        if (r.exitCode() != 0) {
            for (String phrase : NOTHING_RUNNING) {
                if (call.mentions(phrase)) {
                    return new Listing.Seen(false);
                }
            }
            return new Listing.Problem(new Outcome(StepStatus.FAILED, call.display() + " exited with code "
                    + r.exitCode() + outputClause(call) + "; cannot tell whether distro " + distro
                    + " runs, so the instance's disks stay locked and its files stay"
                    + " in place"));
        }
        List<String> running = call.stdoutLines();
        LOG.debug("[{}] {}: running distros {}", instance, step, running);
        // WSL distro names are case-insensitive.
        boolean listed = running.stream().anyMatch(name -> name.equalsIgnoreCase(distro));
        return new Listing.Seen(listed);
    }

    /** A call that timed out or never started. */
    private Outcome commandProblem(WslClient.Call call) {
        CommandResult r = call.result();
        if (r.status() == CommandResult.Status.TIMED_OUT) {
            return new Outcome(StepStatus.TIMED_OUT, call.display() + " did not finish within "
                    + WslClient.describe(wsl.timeout()) + " for distro " + distro
                    + " and was killed with its child processes; the WSL service may be wedged, and the distro"
                    + " may still run, so the instance's disks stay locked and its files stay in place");
        }
        return new Outcome(StepStatus.FAILED, wsl.executable().cannotStart("stop distro " + distro, r.failure()));
    }

    private static String outputClause(WslClient.Call call) {
        String output = call.output();
        return output.isEmpty() ? "" : " (" + output + ")";
    }

    private void publish(StopEvent.Type type, String step, String message) {
        try {
            context.event(type, step, message);
        } catch (RuntimeException e) {
            // A listener's failure never changes the stop.
            LOG.warn("[{}] {}: publishing a {} event failed", instance, step, type, e);
        }
    }

    /** A step's status and message, before its duration is known. */
    private record Outcome(StepStatus status, String message) {
    }

    /** What a listing of the running distros told. */
    private sealed interface Listing {
        /** The listing worked; {@code running} says whether this distro is in it. */
        record Seen(boolean running) implements Listing {
        }

        /** The listing failed or timed out: whether the distro runs is unknown. */
        record Problem(Outcome outcome) implements Listing {
        }
    }
}
