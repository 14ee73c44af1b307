// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s, with defaults; an unknown option is an error. */
final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Args(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (flagOptions.contains(a)) {
                flags.add(a);
            } else if (valueOptions.contains(a) && i + 1 < args.size()) {
                values.put(a, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown or incomplete option '" + a + "'; options: "
                        + valueOptions + " (with a value), " + flagOptions);
            }
        }
    }

    String get(String option, String defaultValue) {
        return values.getOrDefault(option, defaultValue);
    }

    int getInt(String option, int defaultValue) {
        String v = values.get(option);
        return v == null ? defaultValue : Integer.parseInt(v);
    }

    boolean flag(String option) {
        return flags.contains(option);
    }
}
