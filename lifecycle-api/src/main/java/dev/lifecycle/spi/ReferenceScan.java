// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The processes on this machine that refer to one instance directory
 * ({@link InstanceReference}), found by looking at every process the OS lets us see. The
 * current process is never among them.
 *
 * @param referring the processes that refer to the directory
 * @param unread what could not be read (for example the open files of other users'
 *     processes), in words; the scan is as strong as what it could read
 */
public record ReferenceScan(List<Referrer> referring, List<String> unread) {

    /**
     * One process that refers to the directory.
     *
     * @param pid its PID
     * @param detail how it refers, in words
     */
    public record Referrer(long pid, String detail) {
        /** Validates that nothing is null. */
        public Referrer {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Copies the lists. */
    public ReferenceScan {
        referring = List.copyOf(referring);
        unread = List.copyOf(unread);
    }

    /**
     * Scans with the JDK alone: every process {@link ProcessHandle#allProcesses()} lists,
     * by the command line {@link ProcessHandle.Info} gives (no open files; on Windows the
     * JDK reads no arguments at all). The fallback of {@link ProcessControl#scanReferences}.
     *
     * @param instanceDirectory the instance directory
     * @return the scan
     */
    public static ReferenceScan byJdk(Path instanceDirectory) {
        InstanceReference.Matcher matcher = InstanceReference.matcher(instanceDirectory);
        List<Referrer> referring = new ArrayList<>();
        int unreadable = 0;
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            for (Iterator<ProcessHandle> it = all.iterator(); it.hasNext(); ) {
                ProcessHandle h = it.next();
                if (h.pid() == self) {
                    continue;
                }
                ProcessEvidence evidence = ProcessEvidence.fromJdk(h);
                if (evidence.readNothing()) {
                    unreadable++;
                    continue;
                }
                InstanceReference r = matcher.classify(evidence);
                if (r.kind() == InstanceReference.Kind.THIS_INSTANCE || r.kind() == InstanceReference.Kind.THIS_AND_OTHER) {
                    referring.add(new Referrer(h.pid(), "PID " + h.pid() + ": " + r.detail()));
                }
            }
        }
        List<String> unread = new ArrayList<>();
        unread.add("open files were not read (the JDK cannot list them)");
        if (unreadable > 0) {
            unread.add("the command lines of " + unreadable + " processes could not be read");
        }
        return new ReferenceScan(referring, unread);
    }
}
