// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import static dev.lifecycle.core.testing.TestProcesses.isRunning;
import static dev.lifecycle.core.testing.TestProcesses.readPid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs real {@code sh} scripts through {@link BoundedCommandRunner}. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the scripts need a POSIX sh")
class BoundedCommandRunnerTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    /** Far below the 1000 s the scripts sleep: only a hang can exceed it. */
    private static final Duration HANG_BOUND = Duration.ofSeconds(10);

    private final BoundedCommandRunner runner = new BoundedCommandRunner();
    private final List<Long> pidsToClean = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        for (long pid : pidsToClean) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static List<String> sh(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void capturesExitCodeStdoutAndStderr() {
        CommandResult r = runner.run(sh("printf 'to out'; printf 'to err' >&2; exit 3"), Map.of(), GENEROUS);

        assertEquals(CommandResult.Status.COMPLETED, r.status());
        assertEquals(3, r.exitCode());
        assertEquals("to out", text(r.stdout()));
        assertEquals("to err", text(r.stderr()));
        assertEquals("", r.failure());
        assertFalse(r.succeeded());
        assertEquals("sh", r.command().get(0));
    }

    @Test
    void addsExtraEnvironmentToTheInheritedOne() {
        CommandResult r = runner.run(sh("printf '%s|%s' \"$LIFECYCLE_TEST_VAR\" \"$PATH\""),
                Map.of("LIFECYCLE_TEST_VAR", "hello world"), GENEROUS);

        assertTrue(r.succeeded(), r.toString());
        String out = text(r.stdout());
        assertTrue(out.startsWith("hello world|"), out);
        assertEquals(System.getenv("PATH"), out.substring("hello world|".length()), "PATH is inherited");
    }

    @Test
    void closesStdinSoThatReadGetsEndOfFileAtOnce() {
        // Were stdin inherited (surefire talks to its fork through it), read would block until the timeout.
        CommandResult r = runner.run(sh("if read line; then echo \"got $line\"; else echo eof; fi"), Map.of(),
                GENEROUS);

        assertEquals(CommandResult.Status.COMPLETED, r.status());
        assertEquals("eof", text(r.stdout()).strip());
    }

    @Test
    void killsTheCommandAndItsChildOnTimeout() throws IOException {
        Duration timeout = Duration.ofSeconds(2);
        String script = "sleep 1000 & echo $! > \"$1/child.tmp\" && mv \"$1/child.tmp\" \"$1/child.pid\"\n"
                + "echo $$ > \"$1/root.tmp\" && mv \"$1/root.tmp\" \"$1/root.pid\"\n"
                + "echo started\n"
                + "wait\n";
        long before = System.nanoTime();

        CommandResult r = runner.run(sh(script, dir.toString()), Map.of(), timeout);

        Duration took = Duration.ofNanos(System.nanoTime() - before);
        long root = readPid(dir.resolve("root.pid"));
        long child = readPid(dir.resolve("child.pid"));
        pidsToClean.add(root);
        pidsToClean.add(child);
        assertEquals(CommandResult.Status.TIMED_OUT, r.status());
        assertEquals(-1, r.exitCode());
        assertEquals("started", text(r.stdout()).strip(), "output written before the kill is kept");
        assertTrue(took.compareTo(timeout.plus(HANG_BOUND)) < 0, "returned after " + took);
        assertFalse(isRunning(root), "the script (PID " + root + ") was killed");
        assertFalse(isRunning(child), "its child sleep (PID " + child + ") was killed too");
    }

    @Test
    void doesNotWaitForABackgroundChildThatHoldsTheOutputAfterTheCommandExited() throws IOException {
        String script = "sleep 1000 & echo $! > \"$1/child.tmp\" && mv \"$1/child.tmp\" \"$1/child.pid\"\n"
                + "echo done\n";
        long before = System.nanoTime();

        CommandResult r = runner.run(sh(script, dir.toString()), Map.of(), GENEROUS);

        Duration took = Duration.ofNanos(System.nanoTime() - before);
        long child = readPid(dir.resolve("child.pid"));
        pidsToClean.add(child);
        assertEquals(CommandResult.Status.COMPLETED, r.status());
        assertEquals(0, r.exitCode());
        assertEquals("done", text(r.stdout()).strip());
        assertTrue(took.compareTo(HANG_BOUND) < 0, "returned after " + took);
        assertTrue(isRunning(child), "a child of a command that completed is not the runner's to kill");
    }

    @Test
    void reportsAMissingProgramAsFailedToStart() {
        String missing = dir.resolve("no-such-program").toString();

        CommandResult r = runner.run(List.of(missing, "--flag"), Map.of(), GENEROUS);

        assertEquals(CommandResult.Status.FAILED_TO_START, r.status());
        assertEquals(-1, r.exitCode());
        assertTrue(r.failure().contains(missing), r.failure());
        assertEquals(0, r.stdout().length);
        assertEquals(List.of(missing, "--flag"), r.command());
    }

    @Test
    void drainsSeveralMebibytesOnBothStreamsWithoutDeadlock() {
        // 5 MB on each stream, interleaved so that both pipes fill up; the exit code proves the script ran to its end.
        String script = "i=0; while [ $i -lt 50 ]; do head -c 100000 /dev/zero; head -c 100000 /dev/zero >&2;"
                + " i=$((i+1)); done; exit 4";

        CommandResult r = runner.run(sh(script), Map.of(), GENEROUS);

        assertEquals(CommandResult.Status.COMPLETED, r.status());
        assertEquals(4, r.exitCode());
        assertEquals(BoundedCommandRunner.OUTPUT_LIMIT_BYTES, r.stdout().length, "stdout is capped");
        assertEquals(BoundedCommandRunner.OUTPUT_LIMIT_BYTES, r.stderr().length, "stderr is capped");
    }

    @Test
    void keepsTheFirstBytesUpToASmallerCap() {
        CommandResult r = new BoundedCommandRunner(4).run(sh("printf 'abcdefgh'"), Map.of(), GENEROUS);

        assertTrue(r.succeeded(), r.toString());
        assertEquals("abcd", text(r.stdout()));
    }

    @Test
    void killsTheTreeAndKeepsTheFlagWhenTheCallerIsInterrupted() throws Exception {
        // The script hands over its child's PID through a FIFO: reading blocks until the script
        // has written it (an event, not a poll of the file system).
        Path fifo = dir.resolve("child.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        String script = "sleep 1000 & echo $! > \"$1/child.fifo\"\nwait\n";
        AtomicReference<CommandResult> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.set(runner.run(sh(script, dir.toString()), Map.of(), GENEROUS));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        long child = Long.parseLong(CompletableFuture.supplyAsync(() -> readFifo(fifo))
                .get(HANG_BOUND.toMillis(), TimeUnit.MILLISECONDS).strip());
        pidsToClean.add(child);

        caller.interrupt();
        caller.join(HANG_BOUND.toMillis());

        assertFalse(caller.isAlive(), "run returned after the interrupt");
        assertNotNull(result.get());
        assertEquals(CommandResult.Status.TIMED_OUT, result.get().status());
        assertTrue(flagKept.get(), "the interrupt flag is set again");
        assertFalse(isRunning(child), "the child sleep (PID " + child + ") was killed");
    }

    @Test
    void rejectsAnEmptyCommand() {
        assertThrows(IllegalArgumentException.class, () -> runner.run(List.of(), Map.of(), GENEROUS));
    }

    private static String readFifo(Path fifo) {
        try {
            return Files.readString(fifo, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
