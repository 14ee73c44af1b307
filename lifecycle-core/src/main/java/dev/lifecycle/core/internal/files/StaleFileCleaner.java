package dev.lifecycle.core.internal.files;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.core.internal.lima.PidFile;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Removes an instance's stale {@code .pid}, {@code .sock} and {@code .tmp} files once all
 * its processes are confirmed gone. As a last guard it reads every PID file it is about
 * to remove: if one names a live process that passes the identity check, holds no valid
 * PID, or cannot be checked, nothing is removed — deleting it could hide a running VM.
 */
public final class StaleFileCleaner {

    private static final List<String> SUFFIXES = List.of(".pid", ".sock", ".tmp");

    private final ProcessControl processControl;

    /**
     * @param processControl used to prove that PIDs in the files name no live process
     */
    public StaleFileCleaner(ProcessControl processControl) {
        this.processControl = processControl;
    }

    /**
     * Whether a directory entry name is one the cleanup may remove.
     *
     * @param name a file name
     * @return true for names ending in {@code .pid}, {@code .sock} or {@code .tmp} (with a non-empty stem)
     */
    public static boolean isCleanupName(String name) {
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
     * @param instance the instance whose processes are all confirmed gone
     * @param onRemoved called with the path of each removed file (for live events)
     * @return the cleanup step
     */
    public StepResult clean(Instance instance, Consumer<Path> onRemoved) {
        long start = System.nanoTime();
        Path dir = instance.directory();
        String who = "instance " + instance.name();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return step(StepStatus.SKIPPED, start, who + ": directory " + dir + " does not exist (or is a symlink); nothing removed");
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isCleanupName(name) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    candidates.add(entry);
                }
            }
        } catch (IOException e) {
            return step(StepStatus.FAILED, start, who + ": cannot list " + dir + ": " + e);
        }
        List<String> blockers = new ArrayList<>();
        for (Path p : candidates) {
            if (p.getFileName().toString().endsWith(".pid") && !Files.isSymbolicLink(p)) {
                blocker(p).ifPresent(blockers::add);
            }
        }
        if (!blockers.isEmpty()) {
            return step(StepStatus.REFUSED, start, who + ": kept all files in " + dir + " because "
                    + String.join("; ", blockers) + ". Check the process list and remove the file by hand once it is stale");
        }
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path p : candidates) {
            try {
                Files.delete(p); // a symlink is removed as a link
                removed.add(p.getFileName().toString());
                onRemoved.accept(p);
            } catch (NoSuchFileException e) {
                // already gone: the goal is reached
            } catch (IOException e) {
                failed.add(p.getFileName() + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            return step(StepStatus.FAILED, start, who + ": removed " + removed + " but could not remove " + failed);
        }
        if (removed.isEmpty()) {
            return step(StepStatus.SKIPPED, start, who + ": no stale .pid, .sock or .tmp files");
        }
        return step(StepStatus.SUCCEEDED, start, who + ": removed " + removed);
    }

    /**
     * Reasons the instance's files must be kept: a top-level PID file that holds no valid
     * PID, or names a running process of the instance that the stop does not know about,
     * or cannot be checked.
     *
     * @param instance the instance
     * @param handledPids PIDs the stop itself handles (they are not checked here)
     * @return the reasons, empty if the files may go
     */
    public List<String> blockers(Instance instance, java.util.Set<Long> handledPids) {
        List<String> blockers = new ArrayList<>();
        Path dir = instance.directory();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return blockers;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".pid") && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    blocker(entry, handledPids).ifPresent(blockers::add);
                }
            }
        } catch (IOException e) {
            blockers.add("cannot list " + dir + ": " + e);
        }
        return blockers;
    }

    private java.util.Optional<String> blocker(Path pidFile, java.util.Set<Long> handledPids) {
        PidFile.Result r = PidFile.read(pidFile);
        if (r instanceof PidFile.Valid valid && handledPids.contains(valid.ref().pid())) {
            return java.util.Optional.empty();
        }
        return blocker(pidFile);
    }

    private java.util.Optional<String> blocker(Path pidFile) {
        PidFile.Result r = PidFile.read(pidFile);
        if (r instanceof PidFile.Invalid invalid) {
            return java.util.Optional.of(invalid.reason());
        }
        if (r instanceof PidFile.Valid valid) {
            ProcessLookup lookup = processControl.find(valid.ref());
            if (lookup instanceof ProcessLookup.Found found) {
                found.target().close();
                return java.util.Optional.of(pidFile.getFileName() + " names PID " + valid.ref().pid()
                        + ", which is still running and started before the file was written");
            }
            if (lookup instanceof ProcessLookup.Unknown || lookup instanceof ProcessLookup.Refused) {
                return java.util.Optional.of(pidFile.getFileName() + ": " + lookup.detail());
            }
        }
        return java.util.Optional.empty();
    }

    private static StepResult step(StepStatus status, long startNanos, String message) {
        return StepResult.of(Steps.REMOVE_STALE_FILES, status, Duration.ofNanos(System.nanoTime() - startNanos), message);
    }
}
