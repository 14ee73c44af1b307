// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.InstanceReference;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ReferenceScan;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds the processes that refer to an instance directory, cheaply: each process's command
 * line first (one small read), its open files only when the command line does not already
 * refer to the instance and is not empty (kernel threads and zombies have no files).
 */
final class ReferenceScanner {

    private ReferenceScanner() {
    }

    /**
     * @param instanceDirectory the instance directory
     * @param pids every PID the OS lists
     * @param reader reads what each names
     * @return the processes that refer to the directory, and what could not be read
     */
    static ReferenceScan scan(Path instanceDirectory, Collection<Long> pids, EvidenceReader reader) {
        InstanceReference.Matcher matcher = InstanceReference.matcher(instanceDirectory);
        long self = ProcessHandle.current().pid();
        List<ReferenceScan.Referrer> referring = new ArrayList<>();
        List<Long> noCommandLine = new ArrayList<>();
        List<Long> noFiles = new ArrayList<>();
        for (long pid : pids) {
            if (pid == self) {
                continue;
            }
            Optional<List<String>> commandLine;
            try {
                commandLine = Optional.of(reader.commandLine(pid));
            } catch (NoSuchFileException e) {
                continue; // exited while we looked
            } catch (IOException | RuntimeException e) {
                commandLine = Optional.empty();
                noCommandLine.add(pid);
            }
            if (commandLine.isPresent()) {
                if (refers(matcher, new ProcessEvidence(commandLine, Optional.empty(), List.of()), pid, referring)
                        || commandLine.get().isEmpty()) {
                    continue;
                }
            }
            List<Path> files;
            try {
                files = reader.writtenFiles(pid);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException | RuntimeException e) {
                noFiles.add(pid);
                continue;
            }
            if (!files.isEmpty()) {
                refers(matcher, new ProcessEvidence(commandLine, Optional.of(files), List.of()), pid, referring);
            }
        }
        List<String> unread = new ArrayList<>();
        if (!noCommandLine.isEmpty()) {
            unread.add("the command lines of " + noCommandLine.size() + " processes could not be read (PID "
                    + abbreviate(noCommandLine) + ")");
        }
        if (!noFiles.isEmpty()) {
            unread.add("the open files of " + noFiles.size() + " processes could not be read (PID "
                    + abbreviate(noFiles) + "; other users' processes need privileges)");
        }
        return new ReferenceScan(referring, unread);
    }

    private static boolean refers(InstanceReference.Matcher matcher, ProcessEvidence evidence, long pid,
                                  List<ReferenceScan.Referrer> referring) {
        InstanceReference r = matcher.classify(evidence);
        if (r.kind() == InstanceReference.Kind.THIS_INSTANCE || r.kind() == InstanceReference.Kind.THIS_AND_OTHER) {
            referring.add(new ReferenceScan.Referrer(pid, "PID " + pid + ": " + r.detail()));
            return true;
        }
        return false;
    }

    private static String abbreviate(List<Long> pids) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(5, pids.size()); i++) {
            shown.add(String.valueOf(pids.get(i)));
        }
        return String.join(", ", shown) + (pids.size() > 5 ? ", ..." : "");
    }
}
