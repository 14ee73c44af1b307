package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.SleepingProcesses;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.condition.DisabledOnOs;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "stand-in processes are `sleep`")
class ProcessLivenessTest {

    private final SleepingProcesses processes = new SleepingProcesses();
    private final JdkProcessControl jdk = new JdkProcessControl();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        processes.close();
    }

    private static ProcessRef recordedNow(long pid) {
        return ProcessRef.recordedIn(pid, java.nio.file.Path.of("ha.pid"), Instant.now());
    }

    @Test
    void aLiveProcessIsAliveAndTheTargetIsClosed() throws Exception {
        Process sleep = processes.start();
        AtomicInteger closed = new AtomicInteger();
        ProcessControl counting = stub(ref -> {
            ProcessLookup lookup = jdk.find(ref);
            if (lookup instanceof ProcessLookup.Found found) {
                return new ProcessLookup.Found(new ClosingCounter(found.target(), closed), found.detail());
            }
            return lookup;
        });

        ProcessLiveness.Result result = ProcessLiveness.check(counting, recordedNow(sleep.pid()));

        assertEquals(ProcessLiveness.State.ALIVE, result.state());
        assertTrue(result.countsAsRunning());
        assertEquals(1, closed.get());
        assertTrue(sleep.isAlive(), "checking liveness must not touch the process");
    }

    @Test
    void anExitedProcessIsGone() throws Exception {
        ProcessLiveness.Result result = ProcessLiveness.check(jdk, recordedNow(processes.deadPid()));

        assertEquals(ProcessLiveness.State.GONE, result.state());
        assertFalse(result.countsAsRunning());
    }

    @Test
    void aReusedPidIsGone() throws Exception {
        Process sleep = processes.start();
        // The PID file claims to predate the process by an hour: the PID names someone else.
        ProcessRef stale = ProcessRef.recordedIn(sleep.pid(), java.nio.file.Path.of("ha.pid"),
                Instant.now().minusSeconds(3600));

        assertEquals(ProcessLiveness.State.GONE, ProcessLiveness.check(jdk, stale).state());
        assertTrue(sleep.isAlive());
    }

    @Test
    void refusedPidsAreGone() {
        ProcessRef self = recordedNow(ProcessHandle.current().pid());

        ProcessLiveness.Result result = ProcessLiveness.check(jdk, self);

        assertEquals(ProcessLiveness.State.GONE, result.state());
        assertTrue(result.detail().contains("current process"), result.detail());
    }

    @Test
    void unknownIdentityCountsAsRunning() {
        ProcessLiveness.Result result = ProcessLiveness.check(
                stub(ref -> new ProcessLookup.Unknown("PID " + ref.pid() + ": permission denied")), recordedNow(4711));

        assertEquals(ProcessLiveness.State.UNKNOWN, result.state());
        assertTrue(result.countsAsRunning());
        assertEquals("PID 4711: permission denied", result.detail());
    }

    @Test
    void aFailingProviderIsUnknownNotAnException() {
        ProcessLiveness.Result result = ProcessLiveness.check(stub(ref -> {
            throw new IllegalStateException("boom");
        }), recordedNow(4711));

        assertEquals(ProcessLiveness.State.UNKNOWN, result.state());
        assertTrue(result.detail().contains("boom") && result.detail().contains("4711"), result.detail());
    }

    /** A provider whose lookups are given by a function; everything else is inert. */
    static ProcessControl stub(Function<ProcessRef, ProcessLookup> lookups) {
        return new ProcessControl() {
            @Override
            public String id() {
                return "stub";
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public Availability availability() {
                return Availability.ok();
            }

            @Override
            public ProcessLookup find(ProcessRef ref) {
                return lookups.apply(ref);
            }
        };
    }

    /** Counts closes of a real target. */
    private record ClosingCounter(ProcessTarget delegate, AtomicInteger closed) implements ProcessTarget {
        @Override
        public long pid() {
            return delegate.pid();
        }

        @Override
        public java.util.Optional<Instant> startInstant() {
            return delegate.startInstant();
        }

        @Override
        public dev.lifecycle.spi.SignalResult interrupt(java.time.Duration timeout) {
            throw new AssertionError("liveness must not signal");
        }

        @Override
        public dev.lifecycle.spi.SignalResult kill() {
            throw new AssertionError("liveness must not signal");
        }

        @Override
        public boolean isAlive() {
            return delegate.isAlive();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Instant> onExit() {
            return delegate.onExit();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            delegate.close();
        }
    }
}
