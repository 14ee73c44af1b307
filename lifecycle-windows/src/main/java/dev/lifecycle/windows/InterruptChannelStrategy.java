// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import dev.lifecycle.api.ProcessRole;

/**
 * The host app's choice of graceful interrupt channel for each process it asks Lifecycle
 * to stop: its instance, its role there and its PID in, an {@link InterruptChannel} out.
 * Set it on {@link WindowsProcessControl.Builder#interruptChannels}, or name events with the
 * system property {@value #PROPERTY}. The default is {@link #consoleBreak()}.
 *
 * <pre>{@code
 * // Agents that wait on Local\myapp-interrupt-<role>-<instance>-<pid>:
 * InterruptChannelStrategy events = InterruptChannelStrategy.namedEvents(
 *         "Local\\myapp-interrupt-{role}-{instance}-{pid}");
 * // or any logic of the host app's own:
 * InterruptChannelStrategy mine = (instance, role, pid) -> role == ProcessRole.HOST_AGENT
 *         ? InterruptChannel.namedEvent("Local\\myapp-" + instance + "-" + pid)
 *         : InterruptChannel.consoleBreak();
 * }</pre>
 *
 * It is called on the stopper's threads, several at once: it must be thread-safe and
 * quick. If it throws, Ctrl+Break is used and the report says why.
 */
@FunctionalInterface
public interface InterruptChannelStrategy {

    /**
     * System property read by the provider {@link java.util.ServiceLoader} creates: an event
     * name template for {@link #namedEvents(String)}, such as {@code
     * Local\myapp-interrupt-{role}-{instance}-{pid}}.
     */
    String PROPERTY = "lifecycle.windows.interruptEvent";

    /**
     * @param instance the instance name
     * @param role the process's role in it
     * @param pid the process
     * @return the channel to try; Ctrl+Break is the fallback of a named event
     */
    InterruptChannel channelFor(String instance, ProcessRole role, long pid);

    /** @return Ctrl+Break for every process */
    static InterruptChannelStrategy consoleBreak() {
        return (instance, role, pid) -> InterruptChannel.consoleBreak();
    }

    /**
     * Named events from a template: {@code {instance}}, {@code {role}} ({@link
     * ProcessRole#id()}: {@code hostagent}, {@code driver}, {@code driver-server}) and {@code
     * {pid}} are replaced; any other {@code {...}} is an error.
     *
     * @param template the event name with placeholders, e.g. {@code Local\myapp-interrupt-{role}-{instance}-{pid}}
     * @return the strategy
     * @throws IllegalArgumentException if the template has an unknown placeholder or makes no valid name
     */
    static InterruptChannelStrategy namedEvents(String template) {
        EventNameTemplate parsed = EventNameTemplate.parse(template);
        return (instance, role, pid) -> InterruptChannel.namedEvent(parsed.nameFor(instance, role, pid));
    }
}
