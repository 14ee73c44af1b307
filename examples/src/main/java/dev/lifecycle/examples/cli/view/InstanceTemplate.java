// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code limactl list --format TEMPLATE}, for the forms people use: literal text around
 * {@code {{.Field}}} actions (spaces inside the braces and Go's trim markers {@code {{- }}
 * and {@code  -}}} allowed), and {@code {{json .}}}. Each instance prints the template and
 * a newline, as limactl does. Anything else Go templates can do (pipelines, functions,
 * {@code if}, {@code range}) is refused when the template is read, before anything is printed.
 */
public final class InstanceTemplate {

    private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern JSON = Pattern.compile("json\\s+\\.");

    /** A piece of the template: literal text, a field, or the whole instance as JSON. */
    private sealed interface Part permits Text, Field, Json {
    }

    private record Text(String text) implements Part {
    }

    private record Field(ListField field) implements Part {
    }

    private record Json() implements Part {
    }

    private final List<Part> parts;

    private InstanceTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads a template.
     *
     * @param template the text given to {@code --format}
     * @return the template, ready to print instances
     * @throws IllegalArgumentException naming what is wrong or not supported, and the fields there are
     */
    public static InstanceTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                text.append(template, at, template.length());
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("--format: unclosed action: '{{' without '}}'");
            }
            String action = template.substring(open + 2, close);
            text.append(template, at, open);
            if (action.startsWith("- ") || action.startsWith("-\t") || action.startsWith("-\n")) {
                trimTrailingSpace(text); // {{- trims the space before it
                action = action.substring(1);
            }
            at = close + 2;
            if (action.endsWith(" -") || action.endsWith("\t-") || action.endsWith("\n-")) {
                action = action.substring(0, action.length() - 1);
                while (at < template.length() && Character.isWhitespace(template.charAt(at))) {
                    at++; // -}} trims the space after it
                }
            }
            if (text.length() > 0) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(action(action.strip()));
        }
        if (text.length() > 0) {
            parts.add(new Text(text.toString()));
        }
        return new InstanceTemplate(parts);
    }

    private static Part action(String action) {
        if (JSON.matcher(action).matches()) {
            return new Json();
        }
        Matcher m = FIELD.matcher(action);
        if (!m.matches()) {
            throw new IllegalArgumentException("--format: {{" + action + "}} is not supported: write {{.Field}} or"
                    + " {{json .}} with text around them; fields: " + String.join(", ", fieldNames()));
        }
        String name = m.group(1);
        if (ListField.NOT_AVAILABLE.contains(name)) {
            throw new IllegalArgumentException("--format: {{." + name + "}} is not available here: it needs the running"
                    + " host agent or Lima's merged configuration; fields: " + String.join(", ", fieldNames()));
        }
        return ListField.forTemplate(name).<Part>map(Field::new).orElseThrow(() -> new IllegalArgumentException(
                "--format: can't evaluate field " + name + " (names are case-sensitive); fields: "
                        + String.join(", ", fieldNames())));
    }

    private static void trimTrailingSpace(StringBuilder text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        text.setLength(end);
    }

    /**
     * @return the field names a template may use, sorted ({@code list --list-fields})
     */
    public static List<String> fieldNames() {
        return ListField.templateNames();
    }

    /**
     * Prints each instance through the template, each followed by a newline.
     *
     * @param out where to print
     * @param instances the instances, in order
     */
    public void print(PrintWriter out, List<ListedInstance> instances) {
        for (ListedInstance i : instances) {
            out.println(render(i));
        }
        out.flush();
    }

    /**
     * @param instance an instance
     * @return the template filled with its values
     */
    String render(ListedInstance instance) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                sb.append(t.text());
            } else if (p instanceof Field f) {
                sb.append(f.field().render(instance));
            } else {
                sb.append(InstanceJsonLines.line(instance));
            }
        }
        return sb.toString();
    }
}
