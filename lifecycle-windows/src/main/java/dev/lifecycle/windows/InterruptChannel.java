// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import java.util.Objects;

/**
 * How a Windows process is asked to shut down gracefully; an {@link
 * InterruptChannelStrategy} picks one per instance, role and PID.
 */
public sealed interface InterruptChannel permits InterruptChannel.NamedEvent, InterruptChannel.ConsoleBreak {

    /**
     * Set a named event the process waits on (such as {@code
     * Local\myapp-interrupt-hostagent-default-4242}): no console involved, so it works for
     * agents of services and other hosts without one. It counts only if the process holds
     * that very event open; otherwise, or when no such event exists, Ctrl+Break is tried.
     *
     * @param name the kernel object name, with its {@code Local\} or {@code Global\} prefix
     */
    record NamedEvent(String name) implements InterruptChannel {

        /** Longest kernel object name Windows accepts ({@code MAX_PATH}). */
        public static final int MAX_NAME = 260;

        /**
         * Validates the name.
         *
         * @throws IllegalArgumentException if it is blank, too long or holds a NUL
         */
        public NamedEvent {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > MAX_NAME || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an event name is 1 to " + MAX_NAME
                        + " characters without NUL; got '" + name + "'");
            }
        }
    }

    /**
     * Ctrl+Break, sent by a helper process attached to the target's console, and only when
     * the target is the root of its console process group (started with {@code
     * CREATE_NEW_PROCESS_GROUP}, as Lima starts its host agent). It reaches the whole group.
     */
    record ConsoleBreak() implements InterruptChannel {
    }

    /**
     * @param name the event's name
     * @return the named-event channel, with Ctrl+Break as its fallback
     */
    static InterruptChannel namedEvent(String name) {
        return new NamedEvent(name);
    }

    /** @return the Ctrl+Break channel */
    static InterruptChannel consoleBreak() {
        return new ConsoleBreak();
    }
}
