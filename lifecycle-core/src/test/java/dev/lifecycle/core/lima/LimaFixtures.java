package dev.lifecycle.core.lima;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
