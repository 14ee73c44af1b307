// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.files;

import dev.lifecycle.api.Instance;
import dev.lifecycle.core.internal.lima.PidFile;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ReferenceScan;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instance's top-level PID files that could not be read (not a regular file, empty,
 * truncated, garbage) and whether they are proven stale: no process on this machine refers
 * to the instance directory, the processes the stop itself handles aside
 * ({@link ProcessControl#scanReferences}), and {@code ha.sock} accepts no connection. Only
 * then may such a file be removed: it may be the only record of a running host agent.
 */
public final class UnreadablePidFiles {

    /** The host agent's socket. */
    public static final String HOST_AGENT_SOCKET = "ha.sock";
    /** How long the connect to {@code ha.sock} may take. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    /**
     * What was found.
     *
     * @param files the PID files that could not be read
     * @param referrers processes not handled by the stop that refer to the instance directory
     * @param socketAnswers whether {@code ha.sock} accepted a connection
     * @param unread what the scan could not read, in words
     */
    public record Finding(List<PidFile.Invalid> files, List<ReferenceScan.Referrer> referrers, boolean socketAnswers,
                          List<String> unread) {
        /** Copies the lists. */
        public Finding {
            files = List.copyOf(files);
            referrers = List.copyOf(referrers);
            unread = List.copyOf(unread);
        }

        /** @return true if nothing of the instance runs, as far as could be seen */
        public boolean provenStale() {
            return referrers.isEmpty() && !socketAnswers;
        }

        /** @return the paths of the unreadable files */
        public Set<Path> paths() {
            return files.stream().map(PidFile.Invalid::file).collect(Collectors.toUnmodifiableSet());
        }

        /**
         * @return why the files are stale, or what runs: for the report
         */
        public String evidence() {
            if (provenStale()) {
                return "nothing of the instance runs: no other process refers to its directory"
                        + (unread.isEmpty() ? "" : " (as far as could be read: " + String.join("; ", unread) + ")")
                        + " and " + HOST_AGENT_SOCKET + " accepts no connection";
            }
            List<String> what = new ArrayList<>();
            referrers.forEach(r -> what.add(r.detail()));
            if (socketAnswers) {
                what.add(HOST_AGENT_SOCKET + " accepts connections: a host agent is listening");
            }
            return String.join("; ", what);
        }
    }

    private final ProcessControl control;

    /**
     * @param control scans the processes
     */
    public UnreadablePidFiles(ProcessControl control) {
        this.control = Objects.requireNonNull(control, "control");
    }

    /**
     * Finds the unreadable PID files and, if there are any, proves whether they are stale.
     *
     * @param instance the instance
     * @param handledPids PIDs of the instance's own processes that the stop proved and handles
     * @return the finding; empty file list when every PID file could be read
     */
    public Finding inspect(Instance instance, Set<Long> handledPids) {
        List<PidFile.Invalid> unreadable = new ArrayList<>();
        for (Path entry : pidFileEntries(instance.directory())) {
            if (PidFile.read(entry) instanceof PidFile.Invalid invalid) {
                unreadable.add(invalid);
            }
        }
        if (unreadable.isEmpty()) {
            return new Finding(List.of(), List.of(), false, List.of());
        }
        ReferenceScan scan = control.scanReferences(instance.directory());
        List<ReferenceScan.Referrer> others = scan.referring().stream()
                .filter(r -> !handledPids.contains(r.pid())).collect(Collectors.toList());
        boolean answers = SocketProbe.acceptsConnection(instance.directory().resolve(HOST_AGENT_SOCKET), PROBE_TIMEOUT);
        return new Finding(unreadable, others, answers, scan.unread());
    }

    /**
     * Top-level entries named {@code *.pid} of any type, found by listing (never a glob).
     *
     * @param dir the instance directory
     * @return the entries; empty if the directory cannot be listed
     */
    static List<Path> pidFileEntries(Path dir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".pid") && name.length() > ".pid".length()) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            return files; // the guard reports a directory it cannot list
        }
        files.sort(null);
        return files;
    }
}
