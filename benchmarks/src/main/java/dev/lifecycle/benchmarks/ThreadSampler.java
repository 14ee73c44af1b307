// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the threads the library adds. A baseline of thread ids is taken once, before the
 * library is first touched (it holds the harness's own threads, this sampler's included);
 * then a daemon thread lists the live thread ids every {@value #INTERVAL_MICROS} µs and
 * keeps, per measurement window, the largest number of live threads outside the baseline.
 * {@link ThreadMXBean#getAllThreadIds()} takes no stack traces, so sampling this often
 * costs little. Thread ids are never reused, so a thread that ended cannot be mistaken for
 * a baseline one. Threads that live less than one interval may be missed by the peak, so
 * the window also reports how many threads were started in it at all.
 */
final class ThreadSampler implements AutoCloseable {

    static final long INTERVAL_MICROS = 2_000;
    /** Counting open descriptors lists /proc/self/fd: do it every tenth sample only. */
    private static final int FD_EVERY = 10;

    /**
     * What one window saw.
     *
     * @param cpuNanos CPU time the threads outside the baseline used in the window (the
     *     library's work, whatever the load on the machine; the JVM's compiler and GC
     *     threads are not Java threads and are not counted)
     */
    record Window(int peakAdded, List<String> namesAtPeak, long started, long peakOpenFds, long cpuNanos) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private Set<Long> baseline = Set.of();

    /** Guards the baseline and the window; sampling holds it too. */
    private final Object lock = new Object();
    private boolean windowOpen;
    private int peak;
    private List<String> peakNames = List.of();
    private long startedAtOpen;
    private long peakFds;
    /** CPU time of each thread outside the baseline when the window opened. */
    private Map<Long, Long> cpuAtOpen = Map.of();

    ThreadSampler() {
        sampler = new Thread(this::run, "bench-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Takes the baseline: every thread alive now counts as the harness's, not the library's. */
    void takeBaseline() {
        Set<Long> ids = new HashSet<>();
        for (long id : threads.getAllThreadIds()) {
            ids.add(id);
        }
        synchronized (lock) {
            baseline = Set.copyOf(ids);
        }
    }

    void openWindow() {
        synchronized (lock) {
            windowOpen = true;
            peak = 0;
            peakNames = List.of();
            peakFds = openFds();
            startedAtOpen = threads.getTotalStartedThreadCount();
            cpuAtOpen = cpuOfAdded();
        }
        sample(true); // the window's first sample is taken now, not up to one interval later
    }

    Window closeWindow() {
        sample(true);
        synchronized (lock) {
            windowOpen = false;
            long cpu = 0;
            for (Map.Entry<Long, Long> now : cpuOfAdded().entrySet()) {
                cpu += now.getValue() - cpuAtOpen.getOrDefault(now.getKey(), 0L);
            }
            return new Window(peak, peakNames,
                    threads.getTotalStartedThreadCount() - startedAtOpen, peakFds, cpu);
        }
    }

    private void run() {
        long n = 0;
        while (running) {
            sample(++n % FD_EVERY == 0);
            LockSupport.parkNanos(INTERVAL_MICROS * 1_000);
        }
    }

    /**
     * All under the lock: a sample read before {@link #takeBaseline()} or {@link #openWindow()}
     * must not land in the window that follows.
     */
    private void sample(boolean withFds) {
        synchronized (lock) {
            if (!windowOpen) {
                return;
            }
            Set<Long> base = baseline;
            long[] added = Arrays.stream(threads.getAllThreadIds()).filter(id -> !base.contains(id)).toArray();
            if (added.length > peak) {
                peak = added.length;
                peakNames = names(added); // named now: a short-lived thread may be gone by the end
            }
            if (withFds) {
                peakFds = Math.max(peakFds, openFds());
            }
        }
    }

    /** CPU time of every live thread outside the baseline, by id (a thread that ended is not counted). */
    private Map<Long, Long> cpuOfAdded() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            if (!baseline.contains(id)) {
                long t = threads.getThreadCpuTime(id);
                if (t >= 0) {
                    cpu.put(id, t);
                }
            }
        }
        return cpu;
    }

    private List<String> names(long[] ids) {
        List<String> names = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info != null) {
                names.add(info.getThreadName());
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    private long openFds() {
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sampler);
    }
}
