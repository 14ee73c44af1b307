// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck.reference;

import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** The reference provider's target: SIGTERM as interrupt, SIGKILL as kill, both through the JDK. */
public class ReferenceProcessTarget implements ProcessTarget {

    private final ProcessHandle handle;
    private final Instant start;
    private final Predicate<ProcessHandle> alive;
    private final SharedExitPoller poller;

    ReferenceProcessTarget(ProcessHandle handle, Instant start, Predicate<ProcessHandle> alive,
                           SharedExitPoller poller) {
        this.handle = handle;
        this.start = start;
        this.alive = alive;
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

    @Override
    public SignalResult interrupt(Duration timeout) {
        return send(false);
    }

    @Override
    public SignalResult kill() {
        return send(true);
    }

    private SignalResult send(boolean kill) {
        String signal = kill ? "SIGKILL" : "SIGTERM";
        if (!isAlive()) {
            return new SignalResult(SignalResult.Status.ALREADY_EXITED, "PID " + pid() + " had already exited");
        }
        if (kill ? handle.destroyForcibly() : handle.destroy()) {
            return new SignalResult(SignalResult.Status.DELIVERED, signal + " sent to PID " + pid());
        }
        return isAlive()
                ? new SignalResult(SignalResult.Status.NOT_PERMITTED, "PID " + pid() + ": " + signal + " refused")
                : new SignalResult(SignalResult.Status.ALREADY_EXITED, "PID " + pid() + " had already exited");
    }

    @Override
    public boolean isAlive() {
        return alive.test(handle);
    }

    @Override
    public CompletableFuture<Instant> onExit() {
        return poller.watch(this::isAlive);
    }

    @Override
    public void close() {
        // The JDK cannot pin a PID: nothing is held.
    }
}
