// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.jdk;

import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A {@link ProcessHandle} wrapped as a target. The JDK cannot pin a PID, so nothing is held. */
final class JdkProcessTarget implements ProcessTarget {

    private final ProcessHandle handle;
    private final Instant start;
    private final boolean windows;

    JdkProcessTarget(ProcessHandle handle, Instant start, boolean windows) {
        this.handle = handle;
        this.start = start;
        this.windows = windows;
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
        if (windows) {
            // ProcessHandle.destroy() is TerminateProcess on Windows: not graceful at all.
            return new SignalResult(SignalResult.Status.NO_CHANNEL, "PID " + pid()
                    + ": the JDK has no graceful interrupt on Windows; add lifecycle-windows");
        }
        return send(false, "SIGTERM");
    }

    @Override
    public SignalResult kill() {
        return send(true, windows ? "TerminateProcess" : "SIGKILL");
    }

    private SignalResult send(boolean forcibly, String what) {
        if (!handle.isAlive()) {
            return new SignalResult(SignalResult.Status.ALREADY_EXITED, "PID " + pid() + " had already exited");
        }
        boolean sent = forcibly ? handle.destroyForcibly() : handle.destroy();
        if (sent) {
            return new SignalResult(SignalResult.Status.DELIVERED, what + " sent to PID " + pid() + " (JDK)");
        }
        if (!handle.isAlive()) {
            return new SignalResult(SignalResult.Status.ALREADY_EXITED, "PID " + pid() + " had already exited");
        }
        return new SignalResult(SignalResult.Status.NOT_PERMITTED, "PID " + pid() + ": the JDK could not send "
                + what + " (no permission, or the process cannot be signalled)");
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive();
    }

    @Override
    public CompletableFuture<Instant> onExit() {
        return handle.onExit().thenApply(h -> Instant.now());
    }

    @Override
    public void close() {
        // nothing is held
    }
}
