// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What makes a directory a Lima instance: a {@code lima.yaml} in it, as Lima writes one for
 * every instance it creates. A directory without one — a wrong {@code LIMA_HOME} pointing at
 * a home directory, a projects folder, {@code /run} — is not an instance: nothing in it is
 * stopped, unlocked or removed, however much it looks like an instance's leftovers.
 */
public final class InstanceDirectory {

    /** The file that makes a directory a Lima instance. */
    public static final String CONFIG_FILE = LimaYaml.FILE_NAME;

    private InstanceDirectory() {
    }

    /**
     * Whether a directory holds a {@code lima.yaml} entry. Whether that file is readable is
     * another matter: an unreadable one makes the instance Broken, not a non-instance.
     *
     * @param dir a directory
     * @return true if {@code dir/lima.yaml} exists (a symbolic link counts, even a dangling one)
     */
    public static boolean hasConfig(Path dir) {
        return Files.exists(dir.resolve(LimaYaml.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Why files in this directory must not be cleaned up, if it exists but is no instance.
     *
     * @param dir an instance directory as a stop was given it
     * @return the reason, or empty if it holds a {@code lima.yaml} or does not exist as a directory
     */
    public static Optional<String> notAnInstance(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || hasConfig(dir)) {
            return Optional.empty();
        }
        return Optional.of(dir + " has no " + LimaYaml.FILE_NAME + ", so it is not a Lima instance directory"
                + " and nothing in it is removed or unlocked");
    }
}
