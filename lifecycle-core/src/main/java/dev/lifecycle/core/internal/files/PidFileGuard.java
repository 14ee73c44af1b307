package dev.lifecycle.core.internal.files;

import dev.lifecycle.api.Instance;
import dev.lifecycle.core.internal.lima.PidFile;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an instance's PID files may go: a top-level PID file that holds no valid
 * PID, names a live process of the instance that the stop does not handle, or cannot be
 * checked keeps every file and disk lock in place — deleting it could hide a running VM.
 */
public final class PidFileGuard {

    private final ProcessControl processControl;

    /**
     * @param processControl used to prove that PIDs in the files name no live process
     */
    public PidFileGuard(ProcessControl processControl) {
        this.processControl = processControl;
    }

    /**
     * Reasons the instance's files must be kept.
     *
     * @param instance the instance
     * @param handledPids PIDs the stop itself kills and confirms (not checked here)
     * @return the reasons, empty if the files may go
     */
    public List<String> blockers(Instance instance, Set<Long> handledPids) {
        List<String> blockers = new ArrayList<>();
        Path dir = instance.directory();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return blockers;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().endsWith(".pid")
                        && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    blocker(entry, handledPids).ifPresent(blockers::add);
                }
            }
        } catch (IOException e) {
            blockers.add("cannot list " + dir + ": " + e);
        }
        return blockers;
    }

    private Optional<String> blocker(Path pidFile, Set<Long> handledPids) {
        PidFile.Result r = PidFile.read(pidFile);
        if (r instanceof PidFile.Invalid invalid) {
            return Optional.of(invalid.reason());
        }
        if (!(r instanceof PidFile.Valid valid) || handledPids.contains(valid.ref().pid())) {
            return Optional.empty();
        }
        ProcessLookup lookup = processControl.find(valid.ref());
        if (lookup instanceof ProcessLookup.Found found) {
            found.target().close();
            return Optional.of(pidFile.getFileName() + " names PID " + valid.ref().pid()
                    + ", which is still running and started before the file was written");
        }
        if (lookup instanceof ProcessLookup.Unknown || lookup instanceof ProcessLookup.Refused) {
            return Optional.of(pidFile.getFileName() + ": " + lookup.detail());
        }
        return Optional.empty();
    }
}
