// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import dev.lifecycle.api.ProcessRole;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An event name with {@code {instance}}, {@code {role}} and {@code {pid}} placeholders. */
final class EventNameTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> KNOWN = Set.of("instance", "role", "pid");

    private final String template;

    private EventNameTemplate(String template) {
        this.template = template;
    }

    /**
     * @param template the name with placeholders
     * @return the template
     * @throws IllegalArgumentException if it has an unknown placeholder, or is blank or too long
     */
    static EventNameTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        if (template.contains("%d")) {
            throw new IllegalArgumentException("interrupt event template " + template + " has %d: write {pid} for the"
                    + " PID (and {instance}, {role} for the instance and the process's role)");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw new IllegalArgumentException("interrupt event template " + template + " has {" + m.group(1)
                        + "}: only {instance}, {role} and {pid} are replaced");
            }
        }
        if (template.isBlank() || template.indexOf('\0') >= 0
                || template.length() > InterruptChannel.NamedEvent.MAX_NAME) {
            throw new IllegalArgumentException("interrupt event template '" + template + "' is blank, has a NUL or is"
                    + " longer than " + InterruptChannel.NamedEvent.MAX_NAME + " characters");
        }
        // A name that grows past the limit once filled in fails when it is made, with its reason.
        return new EventNameTemplate(template);
    }

    /**
     * @param instance the instance name
     * @param role its role
     * @param pid the PID
     * @return the event name
     */
    String nameFor(String instance, ProcessRole role, long pid) {
        return template.replace("{instance}", instance).replace("{role}", role.id())
                .replace("{pid}", Long.toString(pid));
    }

    @Override
    public String toString() {
        return template;
    }
}
