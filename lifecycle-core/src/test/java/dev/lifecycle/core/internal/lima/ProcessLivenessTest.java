// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.SleepingProcesses;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.condition.DisabledOnOs;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "stand-in processes are `sleep`")
class ProcessLivenessTest {

    private final SleepingProcesses processes = new SleepingProcesses();
    private final JdkProcessControl jdk = new JdkProcessControl();

    @TempDir
    Path dir;

    private ExpectedOwner owner() {
        return ExpectedOwner.namingItsInstance(dir);
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        processes.close();
    }

    private ProcessRef recordedNow(long pid) {
        return ProcessRef.recordedIn(pid, dir.resolve("ha.pid"), Instant.now());
    }

    private ProcessRef recordedAnHourAgo(long pid) {
        return ProcessRef.recordedIn(pid, dir.resolve("ha.pid"), Instant.now().minusSeconds(3600));
    }

    @Test
    void aLiveProcessIsAliveAndTheTargetIsClosed() throws Exception {
        Process sleep = processes.agentOf(dir);
        AtomicInteger closed = new AtomicInteger();
        ProcessControl counting = stub(ref -> {
            ProcessLookup lookup = jdk.find(ref);
            if (lookup instanceof ProcessLookup.Found found) {
                return new ProcessLookup.Found(new ClosingCounter(found.target(), closed), found.detail());
            }
            return lookup;
        });

        ProcessLiveness.Result result = ProcessLiveness.check(counting, recordedNow(sleep.pid()), owner());

        assertEquals(ProcessLiveness.State.ALIVE, result.state());
        assertTrue(result.countsAsRunning());
        assertEquals(1, closed.get());
        assertTrue(sleep.isAlive(), "checking liveness must not touch the process");
    }

    @Test
    void anExitedProcessIsGone() throws Exception {
        ProcessLiveness.Result result = ProcessLiveness.check(jdk, recordedNow(processes.deadPid()), owner());

        assertEquals(ProcessLiveness.State.GONE, result.state());
        assertFalse(result.countsAsRunning());
    }

    @Test
    void aReusedPidIsGone() throws Exception {
        Process sleep = processes.start();
        // The PID file claims to predate the process by an hour, and it names no instance: someone else.
        assertEquals(ProcessLiveness.State.GONE, ProcessLiveness.check(jdk, recordedAnHourAgo(sleep.pid()), owner())
                .state());
        assertTrue(sleep.isAlive());
    }

    @Test
    void aLiveAgentIsAliveThoughTheClockMadeItsPidFileLookOlder() throws Exception {
        Process agent = processes.agentOf(dir);

        ProcessLiveness.Result result = ProcessLiveness.check(jdk, recordedAnHourAgo(agent.pid()), owner());

        assertEquals(ProcessLiveness.State.ALIVE, result.state(), result.detail());
    }

    @Test
    void anUnrelatedProcessWithAPlausibleStartIsUnknownAndCountsAsRunning() throws Exception {
        Process stranger = processes.start();

        ProcessLiveness.Result result = ProcessLiveness.check(jdk, recordedNow(stranger.pid()), owner());

        assertEquals(ProcessLiveness.State.UNKNOWN, result.state(), result.detail());
        assertTrue(result.countsAsRunning());
    }

    @Test
    void refusedPidsAreGone() {
        ProcessRef self = recordedNow(ProcessHandle.current().pid());

        ProcessLiveness.Result result = ProcessLiveness.check(jdk, self, owner());

        assertEquals(ProcessLiveness.State.GONE, result.state());
        assertTrue(result.detail().contains("current process"), result.detail());
    }

    @Test
    void unknownIdentityCountsAsRunning() {
        ProcessLiveness.Result result = ProcessLiveness.check(
                stub(ref -> new ProcessLookup.Unknown("PID " + ref.pid() + ": permission denied")), recordedNow(4711),
                owner());

        assertEquals(ProcessLiveness.State.UNKNOWN, result.state());
        assertTrue(result.countsAsRunning());
        assertEquals("PID 4711: permission denied", result.detail());
    }

    @Test
    void aFailingProviderIsUnknownNotAnException() {
        ProcessLiveness.Result result = ProcessLiveness.check(stub(ref -> {
            throw new IllegalStateException("boom");
        }), recordedNow(4711), owner());

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
