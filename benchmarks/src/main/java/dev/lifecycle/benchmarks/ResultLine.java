// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one line a scenario JVM prints for the orchestrator to collect:
 * {@code RESULT key=value key=value}, values URL-encoded so that they may hold spaces.
 */
final class ResultLine {

    static final String PREFIX = "RESULT ";

    private final Map<String, String> values = new LinkedHashMap<>();

    ResultLine put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("result has no '" + key + "': " + values);
        }
        return v;
    }

    long getLong(String key) {
        return Long.parseLong(get(key));
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String format() {
        StringBuilder sb = new StringBuilder(PREFIX);
        values.forEach((k, v) -> sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append(' '));
        return sb.toString().stripTrailing();
    }

    static Optional<ResultLine> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        ResultLine r = new ResultLine();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed result pair '" + pair + "' in: " + line);
            }
            r.values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return Optional.of(r);
    }
}
