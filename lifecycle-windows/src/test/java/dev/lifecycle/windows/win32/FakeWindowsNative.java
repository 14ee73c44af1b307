// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic in-memory stand-in for the Win32 calls the exit watcher makes: processes
 * and events as objects, handles as numbers, and waits that block on a Java monitor until
 * one of their objects is signalled. It checks the rules the real calls impose and records
 * every breach: more than 64 handles in one wait, a handle twice in one wait, a handle
 * closed while a thread waits on it, a wait on a closed handle.
 */
public final class FakeWindowsNative implements WindowsNative {

    private static final class KernelObject {
        final boolean event;
        final boolean autoReset;
        boolean signalled;

        KernelObject(boolean event, boolean autoReset) {
            this.event = event;
            this.autoReset = autoReset;
        }
    }

    private final Map<Long, KernelObject> handles = new HashMap<>();
    private final Map<Long, KernelObject> processes = new HashMap<>();
    private final Map<Long, Integer> inWait = new HashMap<>();
    private final Set<Long> closed = new HashSet<>();
    private final Set<Long> broken = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);
    private long nextHandle = 0x100;
    private int largestWait;
    private int eventsCreated;
    private long waitCalls;

    /** Adds a running process. */
    public synchronized void startProcess(long pid) {
        processes.put(pid, new KernelObject(false, false));
    }

    /** Makes a process exit: its handles become signalled. */
    public synchronized void exitProcess(long pid) {
        processes.get(pid).signalled = true;
        notifyAll();
    }

    /** Makes every later wait that includes this handle fail, as for a handle that went bad. */
    public synchronized void breakHandle(long handle) {
        broken.add(handle);
        notifyAll();
    }

    /** @return breaches of the Win32 rules seen so far */
    public synchronized List<String> violations() {
        return new ArrayList<>(violations);
    }

    /** @return the most handles passed to one WaitForMultipleObjects */
    public synchronized int largestWait() {
        return largestWait;
    }

    /** @return how many events were created */
    public synchronized int eventsCreated() {
        return eventsCreated;
    }

    /** @return how many handles are open */
    public synchronized int openHandles() {
        return handles.size();
    }

    /** @return true if a thread is waiting on this handle now */
    public synchronized boolean isWaitedOn(long handle) {
        return inWait.getOrDefault(handle, 0) > 0;
    }

    /**
     * Blocks until the handle is closed.
     *
     * @return true if it was closed within the limit
     */
    public synchronized boolean awaitClosed(long handle, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!closed.contains(handle)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Blocks until some thread waits on the handle.
     *
     * @return true if that happened within the limit
     */
    public synchronized boolean awaitWaitedOn(long handle, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!isWaitedOn(handle)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public synchronized long openProcess(int desiredAccess, long pid) {
        KernelObject p = processes.get(pid);
        if (p == null) {
            lastError.set(Win32.ERROR_INVALID_PARAMETER);
            return 0;
        }
        long h = nextHandle++;
        handles.put(h, p);
        return h;
    }

    @Override
    public synchronized long getProcessId(long processHandle) {
        KernelObject o = handles.get(processHandle);
        for (Map.Entry<Long, KernelObject> p : processes.entrySet()) {
            if (p.getValue() == o) {
                return p.getKey();
            }
        }
        lastError.set(Win32.ERROR_INVALID_HANDLE);
        return 0;
    }

    @Override
    public synchronized long getProcessCreationTime(long processHandle) {
        return FileTimes.fromInstant(java.time.Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Override
    public synchronized int waitForSingleObject(long handle, int milliseconds) {
        if (milliseconds != 0) {
            throw new UnsupportedOperationException("the fake only polls single objects");
        }
        KernelObject o = handles.get(handle);
        if (o == null || broken.contains(handle)) {
            lastError.set(Win32.ERROR_INVALID_HANDLE);
            return Win32.WAIT_FAILED;
        }
        if (o.signalled) {
            if (o.autoReset) {
                o.signalled = false;
            }
            return Win32.WAIT_OBJECT_0;
        }
        return Win32.WAIT_TIMEOUT;
    }

    @Override
    public synchronized int waitForMultipleObjects(long[] array, boolean waitAll, int milliseconds) {
        waitCalls++;
        largestWait = Math.max(largestWait, array.length);
        if (array.length > Win32.MAXIMUM_WAIT_OBJECTS || array.length == 0) {
            violations.add("WaitForMultipleObjects with " + array.length + " handles");
            lastError.set(Win32.ERROR_INVALID_PARAMETER);
            return Win32.WAIT_FAILED;
        }
        Set<Long> distinct = new HashSet<>();
        for (long h : array) {
            if (!distinct.add(h)) {
                violations.add("handle " + h + " twice in one WaitForMultipleObjects");
                lastError.set(Win32.ERROR_INVALID_PARAMETER);
                return Win32.WAIT_FAILED;
            }
        }
        if (waitAll || milliseconds != Win32.INFINITE) {
            throw new UnsupportedOperationException("the fake waits for any object, for ever");
        }
        for (long h : array) {
            inWait.merge(h, 1, Integer::sum);
        }
        notifyAll();
        try {
            while (true) {
                for (int i = 0; i < array.length; i++) {
                    KernelObject o = handles.get(array[i]);
                    if (o == null) {
                        violations.add("wait on closed handle " + array[i]);
                        lastError.set(Win32.ERROR_INVALID_HANDLE);
                        return Win32.WAIT_FAILED;
                    }
                    if (broken.contains(array[i])) {
                        lastError.set(Win32.ERROR_INVALID_HANDLE);
                        return Win32.WAIT_FAILED;
                    }
                    if (o.signalled) {
                        if (o.autoReset) {
                            o.signalled = false;
                        }
                        return Win32.WAIT_OBJECT_0 + i;
                    }
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted in a fake wait", e);
                }
            }
        } finally {
            for (long h : array) {
                inWait.merge(h, -1, Integer::sum);
            }
        }
    }

    @Override
    public synchronized boolean terminateProcess(long processHandle, int exitCode) {
        KernelObject o = handles.get(processHandle);
        if (o == null || o.event) {
            lastError.set(Win32.ERROR_INVALID_HANDLE);
            return false;
        }
        o.signalled = true;
        notifyAll();
        return true;
    }

    @Override
    public synchronized boolean closeHandle(long handle) {
        if (handles.remove(handle) == null) {
            violations.add("CloseHandle on a handle that is not open: " + handle);
            lastError.set(Win32.ERROR_INVALID_HANDLE);
            return false;
        }
        if (isWaitedOn(handle)) {
            violations.add("CloseHandle on handle " + handle + " while a thread waits on it");
        }
        closed.add(handle);
        notifyAll();
        return true;
    }

    @Override
    public synchronized long openEvent(int desiredAccess, String name) {
        lastError.set(Win32.ERROR_FILE_NOT_FOUND);
        return 0;
    }

    @Override
    public synchronized long createEvent(boolean manualReset, boolean initialState) {
        eventsCreated++;
        KernelObject e = new KernelObject(true, !manualReset);
        e.signalled = initialState;
        long h = nextHandle++;
        handles.put(h, e);
        return h;
    }

    @Override
    public synchronized boolean setEvent(long eventHandle) {
        KernelObject o = handles.get(eventHandle);
        if (o == null || !o.event) {
            violations.add("SetEvent on " + eventHandle + ", which is not an open event");
            lastError.set(Win32.ERROR_INVALID_HANDLE);
            return false;
        }
        o.signalled = true;
        notifyAll();
        return true;
    }

    /** The exit watcher never reads process memory or handle tables. */
    @Override
    public long pebBaseAddress(long processHandle) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public String processCommandLine(long processHandle) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public byte[] readProcessMemory(long processHandle, long address, int size) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public HandleEntry[] processHandles(long processHandle) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public long duplicateHandleFrom(long sourceProcess, long sourceHandle) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public boolean compareObjectHandles(long first, long second) {
        throw new UnsupportedOperationException("not faked");
    }

    @Override
    public int getLastError() {
        return lastError.get();
    }
}
