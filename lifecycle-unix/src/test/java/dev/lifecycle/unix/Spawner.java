// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lifecycle.spi.ProcStat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts real {@code sh -c} processes for a test and cleans up after it. Processes that are
 * not the JVM's children ("strays", reparented away) are killed at the end only if their
 * PID still names the process that was recorded (same start instant): the tests must not
 * do what the library exists to prevent.
 */
final class Spawner implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Process> children = new ArrayList<>();
    private final Map<Long, Optional<Instant>> strays = new HashMap<>();
    private final Map<Process, BufferedReader> readers = new HashMap<>();

    /**
     * @param script the {@code sh -c} script
     * @param args its positional parameters ({@code $0}, {@code $1}, ...)
     * @return the started child, stdout piped, stderr discarded
     */
    Process start(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            children.add(p);
            readers.put(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one stdout line, bounded by {@link #TIMEOUT}.
     *
     * @param p the child
     * @return the line
     */
    String readLine(Process p) {
        BufferedReader reader = readers.get(p);
        // A daemon thread per read: a read that hangs must not starve the common pool.
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread reading = new Thread(task, "spawner-read-" + p.pid());
            reading.setDaemon(true);
            reading.start();
        });
        try {
            String s = line.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                fail("PID " + p.pid() + " closed stdout before writing a line");
            }
            return s.strip();
        } catch (Exception e) {
            throw new AssertionError("PID " + p.pid() + " wrote no line within " + TIMEOUT, e);
        }
    }

    /**
     * Reads a PID the script printed and records it for cleanup.
     *
     * @param p the child that prints it
     * @return the PID
     */
    long readPid(Process p) {
        long pid = Long.parseLong(readLine(p));
        adopt(pid);
        return pid;
    }

    /**
     * Reads the PID of a child that a script started with {@code sleep 30 & echo $!; exec sleep 30},
     * and waits until the script has exec'd {@code sleep}: until then the shell itself may reap
     * the child when it exits, and no zombie would remain.
     *
     * @param parent the script
     * @return the child's PID; once it exits it stays a zombie until the parent ends
     */
    long readPidOfUnreapedChild(Process parent) {
        long pid = readPid(parent);
        Path comm = Path.of("/proc", String.valueOf(parent.pid()), "comm");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (!Files.readString(comm).strip().equals("sleep")) {
                if (System.nanoTime() > deadline) {
                    fail("PID " + parent.pid() + " did not exec sleep within " + TIMEOUT);
                }
                Thread.sleep(2); // no event tells when another process calls execve
            }
        } catch (IOException e) {
            fail("cannot read " + comm + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return pid;
    }

    /** @param pid a process this test started indirectly */
    void adopt(long pid) {
        strays.put(pid, ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()));
    }

    /**
     * A plain child that runs until killed.
     *
     * @return the child
     */
    Process sleeper() {
        return start("exec sleep 30");
    }

    /**
     * Waits until the JDK has reaped a child.
     *
     * @param p the child
     * @return its exit value
     */
    static int awaitExit(Process p) {
        try {
            assertTrue(p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "PID " + p.pid() + " did not exit");
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until {@code /proc/<pid>/stat} shows a state (there is no event for "became a
     * zombie" that does not use the code under test).
     *
     * @param pid the PID
     * @param state the state letter
     */
    static void awaitState(long pid, char state) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        char seen = '?';
        while (System.nanoTime() < deadline) {
            try {
                Optional<ProcStat> stat = ProcStat.read(Path.of("/proc"), pid);
                if (stat.isPresent()) {
                    seen = stat.get().state();
                    if (seen == state) {
                        return;
                    }
                }
                Thread.sleep(5);
            } catch (IOException e) {
                seen = '!';
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        fail("PID " + pid + " did not reach state " + state + " within " + TIMEOUT + " (last seen " + seen + ")");
    }

    @Override
    public void close() {
        for (Map.Entry<Long, Optional<Instant>> stray : strays.entrySet()) {
            ProcessHandle.of(stray.getKey())
                    .filter(h -> stray.getValue().isPresent() && h.info().startInstant().equals(stray.getValue()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Process p : children) {
            p.destroyForcibly();
        }
    }
}
