// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.plugin;

import dev.lifecycle.spi.ProcStat;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A process whose identity {@link ExampleProcessControl} proved. The JDK cannot pin a PID
 * the way a Linux pidfd or a Windows handle does, so nothing is held. Between the identity
 * check and a signal, {@link ProcessHandle} compares the process's start time with the one
 * it first saw just before it signals: that narrows the PID-reuse window to microseconds,
 * it does not close it as a pin would.
 */
final class ExampleProcessTarget implements ProcessTarget {

    private final ProcessHandle handle;
    private final Instant start;
    private final ExitPoller poller;

    ExampleProcessTarget(ProcessHandle handle, Instant start, ExitPoller poller) {
        this.handle = handle;
        this.start = start;
        this.poller = poller;
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public Optional<Instant> startInstant() {
        return Optional.of(start);
    }

    /** SIGTERM: the JDK cannot send SIGINT, and Lima's host agent treats the two alike. */
    @Override
    public SignalResult interrupt(Duration timeout) {
        return send("SIGTERM", false);
    }

    @Override
    public SignalResult kill() {
        return send("SIGKILL", true);
    }

    private SignalResult send(String signal, boolean forcibly) {
        if (!isAlive()) {
            return new SignalResult(SignalResult.Status.ALREADY_EXITED, "PID " + pid() + " had already exited; "
                    + signal + " not sent");
        }
        boolean sent = forcibly ? handle.destroyForcibly() : handle.destroy();
        if (sent) {
            return new SignalResult(SignalResult.Status.DELIVERED, signal + " sent to PID " + pid());
        }
        // The JDK says false both for "gone in the meantime" and for "not permitted".
        return isAlive()
                ? new SignalResult(SignalResult.Status.NOT_PERMITTED, "PID " + pid() + ": " + signal
                        + " was not accepted (no permission to signal this process)")
                : new SignalResult(SignalResult.Status.ALREADY_EXITED, "PID " + pid() + " exited before " + signal);
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive() && !ProcStat.hasExited(pid());
    }

    @Override
    public CompletableFuture<Instant> onExit() {
        return poller.watch(this::isAlive);
    }

    @Override
    public void close() {
        // Nothing is pinned, so nothing is released; closing twice is as harmless as once.
    }
}
