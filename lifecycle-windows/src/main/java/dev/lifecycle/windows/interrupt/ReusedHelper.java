// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ctrl+Break helper as one long-lived JVM that serves every request: started on first
 * use and then reused, so that a batch of N interrupts pays one JVM start, not N. It ends by
 * itself after {@link #IDLE} without a request, and on the host JVM's exit (its stdin
 * closes); a helper that has been idle for half that time is replaced rather than reused, so
 * that a request never races the helper's own idle exit. A helper that timed out or ended
 * without a reply is dropped and the next request starts a fresh one. Thread-safe: requests
 * are served one at a time, each within its own timeout.
 */
public final class ReusedHelper implements CtrlBreakHelper {

    /** How long the helper waits for a request before it exits. */
    static final Duration IDLE = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(ReusedHelper.class);

    private static final class Shared {
        static final ReusedHelper INSTANCE = new ReusedHelper(() -> HelperCommand.forCurrentJvm(Optional.empty())
                .command(IDLE));
    }

    private final Supplier<List<String>> command;
    /** Guarded by this. */
    private HelperProcess current;
    /** Guarded by this: {@link System#nanoTime()} of the last request. */
    private long lastUse;

    /**
     * @param command the helper's command line; throws an {@link IllegalStateException}
     *     saying why when there is none
     */
    ReusedHelper(Supplier<List<String>> command) {
        this.command = command;
    }

    /** @return the JVM-wide helper, with the Java this JVM finds (see {@link HelperCommand}) */
    public static ReusedHelper shared() {
        return Shared.INSTANCE;
    }

    /**
     * @param java the {@code java.exe} the host app named
     * @return a helper of its own that runs on that Java
     */
    public static ReusedHelper withJava(java.nio.file.Path java) {
        return new ReusedHelper(() -> HelperCommand.forCurrentJvm(Optional.of(java)).command(IDLE));
    }

    @Override
    public synchronized HelperOutcome sendCtrlBreak(long pid, Duration timeout) {
        long begin = System.nanoTime();
        if (current != null && (!current.isAlive() || System.nanoTime() - lastUse > IDLE.toNanos() / 2)) {
            current.close();
            current = null;
        }
        if (current == null) {
            Optional<HelperOutcome> failure = startHelper(timeout);
            if (failure.isPresent()) {
                return failure.get();
            }
        }
        Duration left = timeout.minusNanos(System.nanoTime() - begin);
        HelperOutcome outcome = current.request(pid, left.isNegative() ? Duration.ZERO : left);
        lastUse = System.nanoTime();
        if (outcome.ending() != HelperOutcome.Ending.REPLIED) {
            LOG.debug("Ctrl+Break helper PID {} dropped: {}", current.pid(), outcome.ending());
            current.close();
            current = null;
        }
        return outcome.withElapsed(Duration.ofNanos(System.nanoTime() - begin));
    }

    /** @return empty when a helper is ready in {@link #current}, else why not */
    private Optional<HelperOutcome> startHelper(Duration timeout) {
        List<String> cmd;
        try {
            cmd = command.get();
        } catch (IllegalStateException e) {
            return Optional.of(HelperOutcome.failedToStart(e.getMessage()));
        }
        HelperProcess.Started started = HelperProcess.start(cmd, HelperCommand::clean, timeout);
        if (started.helper().isEmpty()) {
            return started.failure();
        }
        current = started.helper().get();
        return Optional.empty();
    }
}
