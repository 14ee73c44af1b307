package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills one pinned process and confirms its exit within the kill timeout, unlike
 * upstream Lima which never waits. A process that survives is reported, not assumed gone.
 */
final class ProcessKiller {

    private ProcessKiller() {
    }

    /** Whether the process is confirmed gone after the step. */
    record Result(StepResult step, boolean gone) {
    }

    static Result killAndConfirm(String step, String role, ProcessTarget target, Duration killTimeout,
                                 StopRecorder recorder) {
        long start = System.nanoTime();
        String who = "instance " + recorder.instanceName() + ", " + role + " PID " + target.pid();
        SignalResult signal;
        try {
            signal = target.kill();
        } catch (RuntimeException e) {
            signal = new SignalResult(SignalResult.Status.FAILED, "kill threw " + e);
        }
        if (signal.status() == SignalResult.Status.DELIVERED) {
            recorder.event(StopEvent.Type.KILL_SENT, step, OptionalLong.of(target.pid()), who + ": " + signal.detail());
        } else if (signal.status() != SignalResult.Status.ALREADY_EXITED) {
            return new Result(StepResult.of(step, StepStatus.FAILED, since(start), target.pid(),
                    who + ": kill failed (" + signal.status() + ": " + signal.detail() + "); it may still run"), false);
        }
        try {
            target.onExit().get(killTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Result(StepResult.of(step, StepStatus.TIMED_OUT, since(start), target.pid(),
                    who + ": still running " + killTimeout.toMillis() + " ms after the kill; its files are kept"), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(StepResult.of(step, StepStatus.FAILED, since(start), target.pid(),
                    who + ": interrupted while waiting for the killed process to exit"), false);
        } catch (ExecutionException | CancellationException e) {
            if (target.isAlive()) {
                return new Result(StepResult.of(step, StepStatus.FAILED, since(start), target.pid(),
                        who + ": exit watch failed (" + e + ") and the process is still alive"), false);
            }
        }
        recorder.event(StopEvent.Type.PROCESS_EXITED, step, OptionalLong.of(target.pid()), who + " exited");
        String how = signal.status() == SignalResult.Status.ALREADY_EXITED ? "had already exited" : "killed and confirmed gone";
        return new Result(StepResult.of(step, StepStatus.SUCCEEDED, since(start), target.pid(), who + ": " + how), true);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
