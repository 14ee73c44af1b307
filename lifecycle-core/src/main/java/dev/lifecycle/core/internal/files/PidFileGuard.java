// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.files;

import dev.lifecycle.api.Instance;
import dev.lifecycle.core.internal.lima.LimaRoles;
import dev.lifecycle.core.internal.lima.PidFile;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an instance's PID files may go: every top-level {@code *.pid} entry, of
 * any type (a symlink, a FIFO or a directory is no longer skipped), is checked. One that
 * names a live process of the instance that the stop does not handle, or whose process
 * cannot be proven gone, or that could not be read and was not proven stale
 * ({@link UnreadablePidFiles}), keeps every file and disk lock in place — deleting it could
 * hide a running VM.
 */
public final class PidFileGuard {

    private final ProcessControl processControl;

    /**
     * @param processControl used to prove that PIDs in the files name no live process of the instance
     */
    public PidFileGuard(ProcessControl processControl) {
        this.processControl = processControl;
    }

    /**
     * Reasons the instance's files must be kept.
     *
     * @param instance the instance
     * @param handledPids PIDs the stop itself kills and confirms (not checked here)
     * @param provenStale PID files that could not be read and that were proven stale
     * @return the reasons, empty if the files may go
     */
    public List<String> blockers(Instance instance, Set<Long> handledPids, Set<Path> provenStale) {
        List<String> blockers = new ArrayList<>();
        Path dir = instance.directory();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return blockers;
        }
        if (!Files.isReadable(dir)) {
            blockers.add("cannot list " + dir);
            return blockers;
        }
        for (Path entry : UnreadablePidFiles.pidFileEntries(dir)) {
            blocker(instance, entry, handledPids, provenStale).ifPresent(blockers::add);
        }
        return blockers;
    }

    private Optional<String> blocker(Instance instance, Path pidFile, Set<Long> handledPids, Set<Path> provenStale) {
        PidFile.Result r = PidFile.read(pidFile);
        if (r instanceof PidFile.Invalid invalid) {
            return provenStale.contains(pidFile) ? Optional.empty() : Optional.of(invalid.reason()
                    + " (kept: the stop did not prove it stale and free to remove)");
        }
        if (!(r instanceof PidFile.Valid valid) || handledPids.contains(valid.ref().pid())) {
            return Optional.empty();
        }
        ProcessLookup lookup = processControl.find(valid.ref(),
                LimaRoles.owner(instance.directory(), pidFile.getFileName().toString()));
        if (lookup instanceof ProcessLookup.Found found) {
            found.target().close();
            return Optional.of(pidFile.getFileName() + " names PID " + valid.ref().pid()
                    + ", which is still running and is the instance's (" + lookup.detail() + ")");
        }
        if (lookup instanceof ProcessLookup.Unknown || lookup instanceof ProcessLookup.Refused) {
            return Optional.of(pidFile.getFileName() + ": " + lookup.detail());
        }
        return Optional.empty();
    }
}
