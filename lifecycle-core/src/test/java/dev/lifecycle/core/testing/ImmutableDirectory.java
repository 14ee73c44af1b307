// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a real directory refuse the removal of its entries, so that a test sees a real
 * removal fail: {@code chattr +i} as root (root ignores permissions), read-only permissions
 * otherwise. Shared with other modules through core's test jar. Close it to undo.
 */
public final class ImmutableDirectory implements AutoCloseable {

    private final Path dir;
    private final boolean chattr;

    private ImmutableDirectory(Path dir, boolean chattr) {
        this.dir = dir;
        this.chattr = chattr;
    }

    /**
     * Tries to make the directory's entries unremovable, and proves it worked.
     *
     * @param dir the directory
     * @return the guard, or empty with nothing changed if this machine cannot do it (no
     *     {@code chattr}, a file system without the immutable flag, no POSIX permissions)
     * @throws IOException if the probe cannot be written before the change
     * @throws InterruptedException if interrupted while {@code chattr} runs
     */
    public static Optional<ImmutableDirectory> make(Path dir) throws IOException, InterruptedException {
        Path probe = Files.writeString(dir.resolve(".immutable-probe"), "x");
        boolean root = "root".equals(System.getProperty("user.name"));
        ImmutableDirectory guard;
        if (root) {
            if (!run("chattr", "+i", dir.toString())) {
                Files.delete(probe);
                return Optional.empty();
            }
            guard = new ImmutableDirectory(dir, true);
        } else {
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            } catch (UnsupportedOperationException e) {
                Files.delete(probe);
                return Optional.empty();
            }
            guard = new ImmutableDirectory(dir, false);
        }
        try {
            Files.delete(probe);
            guard.close(); // the probe went: this file system does not hold the change
            return Optional.empty();
        } catch (IOException expected) {
            return Optional.of(guard);
        }
    }

    /** @return a reason for a skipped test on a machine where {@link #make} cannot work */
    public static String unsupportedReason() {
        return "cannot make a directory refuse removals here (needs chattr +i as root on a file system with the"
                + " immutable flag, or POSIX permissions as a normal user)";
    }

    @Override
    public void close() throws IOException {
        if (chattr) {
            try {
                run("chattr", "-i", dir.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.deleteIfExists(dir.resolve(".immutable-probe"));
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no chattr on this machine
        }
    }
}
