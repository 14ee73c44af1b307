// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Windows side of the demo's agents: a named event each host agent waits on as its
 * graceful interrupt — the channel of agents whose host has no console — and the template
 * under which the demo tells the Windows provider about them. A JVM stand-in cannot take
 * Ctrl+Break itself (HotSpot keeps it for thread dumps), so on Windows this is how the demo's
 * graceful instances are asked to stop.
 */
public final class InterruptEvent {

    /**
     * The event names, as the Windows provider's {@code lifecycle.windows.interruptEvent}
     * template: role, instance and PID.
     */
    public static final String TEMPLATE = "Local\\lifecycle-demo-interrupt-{role}-{instance}-{pid}";
    /** The system property through which the Windows provider learns the template. */
    public static final String PROPERTY = "lifecycle.windows.interruptEvent";

    private static final int WAIT_OBJECT_0 = 0;
    private static final int INFINITE = -1;

    /** Just the two kernel32 calls needed. */
    private interface Kernel32Events extends StdCallLibrary {
        Pointer CreateEventW(Pointer attributes, boolean manualReset, boolean initialState, WString name);

        int WaitForSingleObject(Pointer handle, int milliseconds);
    }

    private InterruptEvent() {
    }

    /**
     * @param instance the instance name
     * @return the name its host agent's event gets, with {@code {pid}} left for the agent to fill in
     */
    public static String forHostAgent(String instance) {
        return TEMPLATE.replace("{role}", "hostagent").replace("{instance}", instance);
    }

    /**
     * Creates the event and calls {@code onSet} on a daemon thread when someone sets it.
     *
     * @param name the event's name, {@code {pid}} already filled in
     * @param onSet what to do then
     * @throws IllegalStateException if the event cannot be created
     */
    static void listen(String name, Runnable onSet) {
        Kernel32Events k = Native.load("kernel32", Kernel32Events.class, W32APIOptions.DEFAULT_OPTIONS);
        Pointer event = k.CreateEventW(null, true, false, new WString(name));
        if (event == null) {
            throw new IllegalStateException("CreateEvent " + name + " failed: error " + Native.getLastError());
        }
        // The handle stays open for the life of the process: the agent holds its own event.
        Thread waiter = new Thread(() -> {
            if (k.WaitForSingleObject(event, INFINITE) == WAIT_OBJECT_0) {
                onSet.run();
            }
        }, "interrupt-event");
        waiter.setDaemon(true);
        waiter.start();
    }
}
