// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.lima;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds Lima homes and instance directories for tests, from the copied Lima templates. */
public final class LimaFixtures {

    private LimaFixtures() {
    }

    /**
     * @param name a file in {@code src/test/resources/lima-templates}
     * @return its bytes
     */
    public static byte[] template(String name) {
        try (InputStream in = LimaFixtures.class.getResourceAsStream("/lima-templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource lima-templates/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates {@code home/name} with {@code lima.yaml} copied from a template.
     *
     * @return the instance directory
     */
    public static Path instanceFromTemplate(Path home, String name, String template) throws IOException {
        Path dir = Files.createDirectories(home.resolve(name));
        Files.write(dir.resolve("lima.yaml"), template(template));
        return dir;
    }

    /**
     * Creates {@code home/name} with {@code lima.yaml} copied from a template, with top-level
     * settings changed the way a user edits a template before {@code limactl create}: the
     * template's line {@code key: ...} (at the start of a line) becomes {@code key: value}.
     *
     * @param settings top-level keys and their new YAML values, e.g. {@code vmType -> "wsl2"}
     * @return the instance directory
     */
    public static Path instanceFromTemplate(Path home, String name, String template, Map<String, String> settings)
            throws IOException {
        Path dir = Files.createDirectories(home.resolve(name));
        Files.writeString(dir.resolve("lima.yaml"), edit(template, settings), StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * @param template a file in {@code src/test/resources/lima-templates}
     * @param settings top-level keys whose line {@code key: ...} gets a new value
     * @return the template's text with those lines changed
     * @throws IllegalArgumentException if the template has no such line
     */
    public static String edit(String template, Map<String, String> settings) {
        String text = new String(template(template), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Pattern line = Pattern.compile("^" + Pattern.quote(e.getKey()) + ":.*$", Pattern.MULTILINE);
            Matcher m = line.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("template " + template + " has no top-level line " + e.getKey() + ":");
            }
            text = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + ": " + e.getValue()));
        }
        return text;
    }

    /**
     * Creates {@code home/name} with {@code lima.yaml} holding the given text.
     *
     * @return the instance directory
     */
    public static Path instanceWithYaml(Path home, String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(home.resolve(name));
        Files.writeString(dir.resolve("lima.yaml"), yaml, StandardCharsets.UTF_8);
        return dir;
    }

    /** Writes a PID file the way Lima does: the decimal PID and a newline. */
    public static Path writePid(Path file, long pid) throws IOException {
        return Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
    }
}
