// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import java.util.Optional;

/**
 * The lines the helper and the host JVM exchange. The host writes one decimal PID per line
 * on the helper's stdin; the helper writes {@value #PREFIX}{@value #READY} once it can take
 * requests, then one reply per request: {@value #PREFIX}{@code <OUTCOME> <message>}. Other
 * output (JVM warnings) is not a protocol line and is only quoted in messages.
 */
public final class HelperProtocol {

    /** What every protocol line starts with. */
    public static final String PREFIX = "@lifecycle-helper ";
    /** The word of the first line: the helper is up. */
    public static final String READY = "READY";
    /** The helper's option that makes it serve requests until stdin ends or it has been idle too long. */
    public static final String SERVE = "--serve";

    /**
     * One reply.
     *
     * @param outcome what the helper did
     * @param message what it says about it
     */
    public record Reply(BreakOutcome outcome, String message) {
    }

    private HelperProtocol() {
    }

    /** @return the helper's first line */
    static String ready() {
        return PREFIX + READY;
    }

    /**
     * @param outcome what was done
     * @param message what to say, on one line
     * @return the reply line
     */
    static String reply(BreakOutcome outcome, String message) {
        return PREFIX + outcome.name() + " " + message.replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * @param line a line of the helper's output
     * @return true if it is the helper's first line
     */
    public static boolean isReady(String line) {
        return line.equals(ready());
    }

    /**
     * @param line a line of the helper's output
     * @return the reply it carries, or empty for a line that is not a reply
     */
    public static Optional<Reply> parseReply(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        String word = space < 0 ? rest : rest.substring(0, space);
        String message = space < 0 ? "" : rest.substring(space + 1);
        for (BreakOutcome o : BreakOutcome.values()) {
            if (o.name().equals(word)) {
                return Optional.of(new Reply(o, message));
            }
        }
        return Optional.empty();
    }
}
