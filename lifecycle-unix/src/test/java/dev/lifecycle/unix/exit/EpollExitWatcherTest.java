// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.unix.jna.LinuxNative;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** A private epoll watcher over real pidfds, to test what the shared one never does: close. */
@EnabledIf("dev.lifecycle.unix.exit.EpollExitWatcherTest#pidfdAvailable")
class EpollExitWatcherTest {

    private LinuxNative linux;
    private EpollExitWatcher watcher;
    private Process child;
    private int pidfd;

    static boolean pidfdAvailable() {
        try {
            return HostOs.current() == HostOs.LINUX
                    && LinuxNative.load().pidfdUnsupportedReason().isEmpty();
        } catch (LinkageError e) {
            return false;
        }
    }

    @BeforeEach
    void start() throws Exception {
        linux = LinuxNative.load();
        watcher = new EpollExitWatcher(linux);
        child = new ProcessBuilder("sleep", "30").start();
        pidfd = linux.pidfdOpen(child.pid());
    }

    @AfterEach
    void stop() {
        watcher.close();
        child.destroyForcibly();
        linux.close(pidfd);
    }

    @Test
    void aReadablePidfdCompletesTheWatch() throws Exception {
        ExitWatch watch = watcher.watch(source());
        assertFalse(watch.future().isDone());

        child.destroyForcibly();

        watch.future().get(10, TimeUnit.SECONDS);
        assertEquals("pidfd+epoll", watcher.mechanism());
    }

    @Test
    void closingFailsPendingWatchesAndRefusesNewOnes() {
        ExitWatch pending = watcher.watch(source());

        watcher.close();

        assertThrows(CancellationException.class, () -> pending.future().get(10, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> watcher.watch(source()).future().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }

    @Test
    void aSourceWithoutPidfdCannotBeWatched() {
        ExitWatch watch = watcher.watch(new FakeSource(child.pid()));

        ExecutionException e = assertThrows(ExecutionException.class, () -> watch.future().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    private ExitSource source() {
        long pid = child.pid();
        int fd = pidfd;
        return new ExitSource() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public OptionalInt pidfd() {
                return OptionalInt.of(fd);
            }

            @Override
            public boolean hasExited() {
                return linux.pollReadable(fd);
            }
        };
    }
}
