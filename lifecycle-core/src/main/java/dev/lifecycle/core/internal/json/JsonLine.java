// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict, bounded reader for one JSON document, such as a line of QEMU's QMP stream or
 * of Lima's {@code ha.stdout.log}. Both are written by processes the stopper does not
 * trust, so the reader never throws anything but {@link IllegalArgumentException}, never
 * recurses deeper than {@value #MAX_DEPTH} levels and keeps numbers as their text. The
 * library stays free of a JSON dependency for these two small protocols.
 *
 * <p>Objects become {@link Map}s (in document order), arrays {@link List}s, strings
 * {@link String}s, {@code true}/{@code false} {@link Boolean}s, numbers {@link JsonNumber}
 * (their text), and {@code null} {@link #NULL}.
 */
public final class JsonLine {

    /** JSON's {@code null}, so that no map or list holds a Java null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Deeper documents are refused: QMP and Lima's events are a few levels deep. */
    static final int MAX_DEPTH = 32;

    /**
     * A JSON number, kept as its text: nothing here computes with numbers.
     *
     * @param text the number as written
     */
    public record JsonNumber(String text) {
    }

    private final String text;
    private int pos;

    private JsonLine(String text) {
        this.text = text;
    }

    /**
     * Parses a whole document; surrounding white space is allowed, anything else after it is not.
     *
     * @param text the document
     * @return the value
     * @throws IllegalArgumentException if the text is not one JSON value, or nests too deeply
     */
    public static Object parse(String text) {
        JsonLine p = new JsonLine(text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    /**
     * Parses a document that should be an object, without throwing.
     *
     * @param text the document
     * @return the object, or empty if the text is not a JSON object
     */
    public static Optional<Map<String, Object>> object(String text) {
        try {
            return asObject(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @param value a parsed value
     * @return the value as an object, if it is one
     */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> asObject(Object value) {
        return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    /**
     * Follows object members by name.
     *
     * @param value a parsed value
     * @param names member names, outermost first
     * @return the value found, or empty if a member is missing or a step is not an object
     */
    public static Optional<Object> at(Object value, String... names) {
        Object current = value;
        for (String name : names) {
            Optional<Map<String, Object>> object = asObject(current);
            if (object.isEmpty() || !object.get().containsKey(name)) {
                return Optional.empty();
            }
            current = object.get().get(name);
        }
        return Optional.of(current);
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("missing value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        pos++; // {
        skipSpace();
        if (peek('}')) {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            if (!peek('"')) {
                throw error("expected a member name");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            members.put(name, value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> items = new ArrayList<>();
        pos++; // [
        skipSpace();
        if (peek(']')) {
            pos++;
            return items;
        }
        while (true) {
            skipSpace();
            items.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                return items;
            }
        }
    }

    private String string() {
        pos++; // "
        StringBuilder s = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> s.append(unicodeEscape());
                default -> throw error("bad escape \\" + e);
            }
        }
        throw error("unterminated string");
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("short \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private JsonNumber number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        int digits = digits();
        if (digits == 0) {
            throw error("a number needs digits");
        }
        if (peek('.')) {
            pos++;
            if (digits() == 0) {
                throw error("a fraction needs digits");
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("an exponent needs digits");
            }
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word");
        }
        pos += word.length();
        return value;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
    }
}
