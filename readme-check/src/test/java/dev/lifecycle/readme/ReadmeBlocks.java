// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown file that are marked for checking: the line before
 * the opening fence is {@code <!-- readme-check: NAME -->} (invisible when rendered), and
 * NAME is the file the block's text becomes.
 */
final class ReadmeBlocks {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*readme-check:\\s*(\\S+)\\s*-->");

    private ReadmeBlocks() {
    }

    /**
     * @param markdown the file to read
     * @return the text of each marked block (without its fences, ending in a newline), by name
     * @throws IOException if it cannot be read
     * @throws IllegalStateException if a marker is not followed by a fenced block, a block is
     *     not closed, or two blocks have one name
     */
    static Map<String, String> read(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (!marker.matches()) {
                continue;
            }
            String name = marker.group(1);
            int open = i + 1;
            if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                throw new IllegalStateException(markdown + ":" + (i + 1) + ": marker '" + name
                        + "' must be followed directly by a fenced code block");
            }
            StringBuilder text = new StringBuilder();
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).startsWith("```")) {
                text.append(lines.get(close)).append('\n');
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalStateException(markdown + ":" + (open + 1) + ": block '" + name + "' is not closed");
            }
            if (blocks.put(name, text.toString()) != null) {
                throw new IllegalStateException(markdown + ": two blocks are named '" + name + "'");
            }
            i = close;
        }
        return blocks;
    }
}
