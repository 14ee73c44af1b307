// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.files;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.core.internal.lima.InstanceDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Removes an instance's stale {@code .pid}, {@code .sock} and {@code .tmp} files, never in a
 * directory without a {@code lima.yaml} (not a Lima instance). The caller first confirms
 * that every process of the instance is gone and that {@link PidFileGuard} finds no reason
 * to keep the files.
 */
public final class StaleFileCleaner {

    private static final List<String> SUFFIXES = List.of(".pid", ".sock", ".tmp");

    /**
     * Whether a directory entry name is one the cleanup may remove.
     *
     * @param name a file name
     * @return true for names ending in {@code .pid}, {@code .sock} or {@code .tmp} (with a non-empty stem)
     */
    private static boolean isCleanupName(String name) {
        for (String suffix : SUFFIXES) {
            if (name.length() > suffix.length() && name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the stale files.
     *
     * @param instance the instance whose processes are all confirmed gone and whose PID
     *     files the {@link PidFileGuard} let go
     * @param onRemoved called with the path of each removed file (for live events)
     * @return the cleanup step
     */
    public StepResult clean(Instance instance, Consumer<Path> onRemoved) {
        long start = System.nanoTime();
        Path dir = instance.directory();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return step(StepStatus.SKIPPED, start, "directory " + dir + " does not exist (or is a symlink); nothing removed");
        }
        Optional<String> notAnInstance = InstanceDirectory.notAnInstance(dir);
        if (notAnInstance.isPresent()) {
            // The stop's gate refuses this first; the check here keeps the cleaner safe on its own.
            return step(StepStatus.REFUSED, start, notAnInstance.get());
        }
        List<Path> candidates;
        try {
            candidates = candidates(instance);
        } catch (IOException e) {
            return step(StepStatus.FAILED, start, "cannot list " + dir + ": " + e);
        }
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> leftPaths = new ArrayList<>();
        for (Path p : candidates) {
            try {
                Files.delete(p); // a symlink is removed as a link
                removed.add(p.getFileName().toString());
                onRemoved.accept(p);
            } catch (NoSuchFileException e) {
                // already gone: the goal is reached
            } catch (IOException e) {
                failed.add(p.getFileName() + " (" + e.getMessage() + ")");
                leftPaths.add(p.toString());
            }
        }
        if (!failed.isEmpty()) {
            // A PID file left behind can make Lima take a later process with that PID for the instance.
            return step(StepStatus.FAILED, start, "removed " + removed + " but could not remove " + failed
                    + "; remove them by hand: rm " + String.join(" ", leftPaths));
        }
        if (removed.isEmpty()) {
            return step(StepStatus.SKIPPED, start, "no stale .pid, .sock or .tmp files");
        }
        return step(StepStatus.SUCCEEDED, start, "removed " + removed);
    }

    /**
     * What the cleanup would remove: the top-level {@code *.pid}, {@code *.sock} and
     * {@code *.tmp} entries that are not directories, found by listing the directory (never
     * a glob). The cleanup and a dry run both list with this.
     *
     * @param instance the instance
     * @return the entries, sorted by name; none when the directory does not exist or is a symlink
     * @throws IOException if the directory cannot be listed
     */
    public List<Path> candidates(Instance instance) throws IOException {
        Path dir = instance.directory();
        List<Path> candidates = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return candidates;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isCleanupName(name) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    candidates.add(entry);
                }
            }
        }
        candidates.sort(null);
        return candidates;
    }

    private static StepResult step(StepStatus status, long startNanos, String message) {
        return StepResult.of(Steps.REMOVE_STALE_FILES, status, Duration.ofNanos(System.nanoTime() - startNanos), message);
    }
}
