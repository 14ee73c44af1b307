// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many pidfds this JVM may hold at once as pins, so that pinning never takes the file
 * descriptors that the rest of the JVM and the host app need: the soft limit on open files
 * ({@code RLIMIT_NOFILE}, read from {@code /proc/self/limits}) less the descriptors open
 * when the budget is first asked for, less a headroom of a quarter of the limit (at least
 * {@value #MIN_HEADROOM}). Under {@code ulimit -n 256} a JVM that had 40 descriptors open may
 * hold 152 pins; under the usual 1,024 about 730.
 *
 * <p>A process that finds the budget spent is still identified (start time and what it refers
 * to, read the same way) but not pinned: it is signalled by {@code kill(2)} after its start
 * time is checked again, and its exit noticed by polling — {@link RecheckedKillPin}, as on
 * kernels without pidfds. Every pin is released when its target is closed, which the stopper
 * does as soon as the process is confirmed gone. Shared by every provider object of the JVM.
 * Thread-safe.
 */
final class PidfdBudget {

    /** The least headroom left for everything that is not a pin. */
    static final int MIN_HEADROOM = 64;

    private static final class Shared {
        static final PidfdBudget INSTANCE = measure(Path.of("/proc"));
    }

    private final int size;
    private final AtomicInteger inUse = new AtomicInteger();

    PidfdBudget(int size) {
        this.size = size;
    }

    /** @return the JVM-wide budget, measured on first use */
    static PidfdBudget shared() {
        return Shared.INSTANCE;
    }

    /**
     * Measures the budget from procfs; without a readable limit it is unbounded, and a
     * {@code pidfd_open} that fails for want of descriptors still falls back.
     *
     * @param procRoot where procfs is mounted
     * @return the budget
     */
    static PidfdBudget measure(Path procRoot) {
        Path self = procRoot.resolve("self");
        OptionalLong limit = softLimit(self.resolve("limits"));
        if (limit.isEmpty()) {
            return new PidfdBudget(Integer.MAX_VALUE);
        }
        return new PidfdBudget(size(limit.getAsLong(), openDescriptors(self.resolve("fd"))));
    }

    /**
     * @param softLimit the soft limit on open files
     * @param open the descriptors open now
     * @return how many of the rest pins may take
     */
    static int size(long softLimit, long open) {
        long headroom = Math.max(MIN_HEADROOM, softLimit / 4);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, softLimit - open - headroom));
    }

    /**
     * The soft limit from the {@code Max open files} line of {@code /proc/<pid>/limits}
     * ({@code Max open files  1024  4096  files}); empty when it cannot be read or is unlimited.
     */
    static OptionalLong softLimit(Path limits) {
        try {
            for (String line : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs, or a format we do not know: unbounded, the pidfd_open failure still guards
        }
        return OptionalLong.empty();
    }

    private static long openDescriptors(Path fdDir) {
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return n;
    }

    /** @return whether a pin may be taken now; if so, {@link #release()} gives it back */
    boolean tryAcquire() {
        while (true) {
            int now = inUse.get();
            if (now >= size) {
                return false;
            }
            if (inUse.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a pin taken with {@link #tryAcquire()}. */
    void release() {
        inUse.decrementAndGet();
    }

    /** @return how many pins may be held at once */
    int size() {
        return size;
    }

    /** @return how many are held now */
    int inUse() {
        return inUse.get();
    }
}
