// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * An instance's {@code lima-version} file: the version of Lima that created it (Lima ≥ 0.20
 * writes it). Read as Lima's {@code store.Inspect} reads it — trimmed, a missing file is normal,
 * an unreadable one is a problem — and bounded: at most {@value #MAX_BYTES} bytes, one line of
 * printable text, or it is a problem naming the file.
 */
final class LimaVersionFile {

    /** File name in the instance directory. */
    static final String FILE_NAME = "lima-version";
    /** Larger files are not read: a version never needs more. */
    static final int MAX_BYTES = 256;

    private LimaVersionFile() {
    }

    /**
     * Reads the version.
     *
     * @param dir the instance directory
     * @param problems receives what is wrong with the file, naming it
     * @return the version, or empty if the file is missing, empty or unusable
     */
    static Optional<String> read(Path dir, List<String> problems) {
        Path file = dir.resolve(FILE_NAME);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            problems.add(file + ": cannot read attributes: " + e);
            return Optional.empty();
        }
        if (!attrs.isRegularFile()) {
            problems.add(file + " is not a regular file");
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e);
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            problems.add(file + " has more than " + MAX_BYTES + " bytes; a Lima version is a short line such as 2.1.4");
            return Optional.empty();
        }
        String version = new String(bytes, StandardCharsets.UTF_8).strip();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        if (!Instance.isValidLimaVersion(version)) {
            problems.add(file + " holds no Lima version (one line of printable ASCII, such as 2.1.4, was expected)");
            return Optional.empty();
        }
        return Optional.of(version);
    }
}
