// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck.reference;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.SignalResult;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Variants of {@link ReferenceProcessControl}, each with one bug a real provider could have. */
public final class BrokenProcessControls {

    private BrokenProcessControls() {
    }

    /** Trusts the PID: never compares start times, so a reused PID is Found. */
    public static final class SkipsIdentityCheck extends ReferenceProcessControl {
        @Override
        protected Optional<String> mismatch(ProcessRef ref, Instant start) {
            return Optional.empty();
        }
    }

    /** Reads no command line: the wall clock alone decides, and a clock step fools it. */
    public static final class TrustsTheClockAlone extends ReferenceProcessControl {
        @Override
        protected ProcessEvidence evidence(ProcessHandle handle) {
            return ProcessEvidence.unreadable("PID " + handle.pid() + ": not read");
        }
    }

    /** Forgets the refusals: PID 1 and the current process are looked up like any other. */
    public static final class RefusesNothing extends ReferenceProcessControl {
        @Override
        protected Optional<String> refusal(long pid) {
            return Optional.empty();
        }
    }

    /** Takes the JDK's word for liveness, so a zombie looks alive forever. */
    public static final class ZombieBlind extends ReferenceProcessControl {
        @Override
        protected boolean isAlive(ProcessHandle handle) {
            return handle.isAlive();
        }
    }

    /** Releases its handle on kill, so a second kill of the same target throws. */
    public static final class KillsOnce extends ReferenceProcessControl {
        @Override
        protected ReferenceProcessTarget target(ProcessHandle handle, Instant start) {
            AtomicBoolean killed = new AtomicBoolean();
            return new ReferenceProcessTarget(handle, start, this::isAlive, poller()) {
                @Override
                public SignalResult kill() {
                    if (killed.getAndSet(true)) {
                        throw new IllegalStateException("handle of PID " + pid() + " already released");
                    }
                    return super.kill();
                }
            };
        }
    }

    /** Starts a thread for every onExit(), the design the contract forbids. */
    public static final class ThreadPerWatch extends ReferenceProcessControl {
        @Override
        protected ReferenceProcessTarget target(ProcessHandle handle, Instant start) {
            return new ReferenceProcessTarget(handle, start, this::isAlive, poller()) {
                @Override
                public CompletableFuture<Instant> onExit() {
                    CompletableFuture<Instant> exit = new CompletableFuture<>();
                    Thread watcher = new Thread(() -> {
                        while (isAlive()) {
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        exit.complete(Instant.now());
                    }, "exit-watcher-" + pid());
                    watcher.setDaemon(true);
                    watcher.start();
                    return exit;
                }
            };
        }
    }
}
