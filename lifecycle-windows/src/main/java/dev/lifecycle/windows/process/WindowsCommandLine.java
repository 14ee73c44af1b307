// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Windows command line into arguments the way {@code CommandLineToArgvW} (and the
 * C runtime) do, so that a path with spaces in quotes stays one argument: the program name
 * ends at the closing quote or the first blank, with no escapes; after it, {@code 2n}
 * backslashes before a quote are {@code n} backslashes and the quote toggles quoting,
 * {@code 2n+1} are {@code n} and a literal quote, other backslashes are literal, and
 * {@code ""} inside quotes is a literal quote.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    /**
     * @param line the command line as the process was started with it
     * @return its arguments, the program first
     */
    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        int i = skipBlanks(line, 0);
        if (i >= line.length()) {
            return args;
        }
        StringBuilder program = new StringBuilder();
        if (line.charAt(i) == '"') {
            i++;
            while (i < line.length() && line.charAt(i) != '"') {
                program.append(line.charAt(i++));
            }
            i++;
        } else {
            while (i < line.length() && !isBlank(line.charAt(i))) {
                program.append(line.charAt(i++));
            }
        }
        args.add(program.toString());
        while ((i = skipBlanks(line, i)) < line.length()) {
            StringBuilder arg = new StringBuilder();
            boolean quoted = false;
            while (i < line.length() && (quoted || !isBlank(line.charAt(i)))) {
                char c = line.charAt(i);
                if (c == '\\') {
                    int start = i;
                    while (i < line.length() && line.charAt(i) == '\\') {
                        i++;
                    }
                    int slashes = i - start;
                    if (i < line.length() && line.charAt(i) == '"') {
                        arg.append("\\".repeat(slashes / 2));
                        if (slashes % 2 == 1) {
                            arg.append('"');
                            i++;
                        }
                    } else {
                        arg.append("\\".repeat(slashes));
                    }
                } else if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        arg.append('"');
                        i += 2;
                    } else {
                        quoted = !quoted;
                        i++;
                    }
                } else {
                    arg.append(c);
                    i++;
                }
            }
            args.add(arg.toString());
        }
        return args;
    }

    private static int skipBlanks(String line, int from) {
        int i = from;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
