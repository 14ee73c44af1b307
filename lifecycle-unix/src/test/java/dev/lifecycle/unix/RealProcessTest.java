// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of the Linux provider against real processes share: a {@link Spawner}
 * whose processes are cleaned up after each test, a temporary directory for the files the
 * scripts write, the provider configurations they run with, and the lookup that must find
 * a live process. Subclasses keep their own {@code @EnabledIf} gate, so that each test
 * class says where it runs.
 */
abstract class RealProcessTest {

    /** {@code @MethodSource} of the pidfd and the kill(2) path. */
    static final String SIGNAL_PATHS = "dev.lifecycle.unix.LinuxProviders#signalPaths";

    /** {@code @MethodSource} of every exit watcher that works here. */
    static final String WATCHERS = "dev.lifecycle.unix.LinuxProviders#watchers";

    final Spawner spawner = new Spawner();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        spawner.close();
    }

    /**
     * Looks up a child by the start instant the JDK reports for it; fails unless found.
     *
     * @param control the provider
     * @param p the child
     * @return the target, to be closed by the caller
     */
    static ProcessTarget find(LinuxProcessControl control, Process p) {
        return found(control, ProcessRef.started(p.pid(), p.info().startInstant().orElseThrow()));
    }

    /**
     * Looks up any process (a child or not) by the start instant the JDK reports for it;
     * fails unless found.
     *
     * @param control the provider
     * @param pid the PID
     * @return the target, to be closed by the caller
     */
    static ProcessTarget find(LinuxProcessControl control, long pid) {
        Instant start = ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow();
        return found(control, ProcessRef.started(pid, start));
    }

    private static ProcessTarget found(LinuxProcessControl control, ProcessRef ref) {
        ProcessLookup lookup = control.find(ref);
        return assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail()).target();
    }
}
