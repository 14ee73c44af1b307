package dev.lifecycle.windows.interrupt;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name pattern of a named interrupt event, such as {@code Local\lima-interrupt-%d}: an
 * agent that waits on an event of that name for its own PID can be interrupted by setting
 * it, with no console involved.
 */
public final class InterruptEventName {

    /** System property holding the pattern; {@code %d} stands for the PID. */
    public static final String PROPERTY = "lifecycle.windows.interruptEvent";

    /** Longest kernel object name Windows accepts ({@code MAX_PATH}). */
    private static final int MAX_NAME = 260;
    private static final Pattern SPECIFIER = Pattern.compile("%(.)?");

    private final String pattern;

    private InterruptEventName(String pattern) {
        this.pattern = pattern;
    }

    /**
     * @param pattern a name with exactly one {@code %d} for the PID ({@code %%} for a percent sign)
     * @return the pattern
     * @throws IllegalArgumentException if it has no {@code %d}, several, or another specifier
     */
    public static InterruptEventName parse(String pattern) {
        int pids = 0;
        Matcher m = SPECIFIER.matcher(pattern);
        while (m.find()) {
            String next = m.group(1);
            if ("d".equals(next)) {
                pids++;
            } else if (!"%".equals(next)) {
                throw new IllegalArgumentException(PROPERTY + "=" + pattern + " has '%" + (next == null ? "" : next)
                        + "': only %d (the PID) and %% are allowed");
            }
        }
        if (pids != 1) {
            throw new IllegalArgumentException(PROPERTY + "=" + pattern
                    + " must contain %d exactly once, for the PID (e.g. Local\\lima-interrupt-%d)");
        }
        if (pattern.length() > MAX_NAME) {
            throw new IllegalArgumentException(PROPERTY + " is longer than " + MAX_NAME + " characters");
        }
        return new InterruptEventName(pattern);
    }

    /**
     * @param value the property's value, if set
     * @return the pattern, or empty if the value is absent or blank
     * @throws IllegalArgumentException if the value is set but not a valid pattern
     */
    public static Optional<InterruptEventName> fromProperty(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty()).map(InterruptEventName::parse);
    }

    /**
     * @param pid the target
     * @return the event name for it
     */
    public String nameFor(long pid) {
        return String.format(Locale.ROOT, pattern, pid);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
