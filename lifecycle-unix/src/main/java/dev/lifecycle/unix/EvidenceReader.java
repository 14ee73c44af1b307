// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.ProcessEvidence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a process names — its command line and the files it has open for writing —
 * for the identity rule and for reference scans. Never signals. Thread-safe.
 */
interface EvidenceReader {

    /**
     * @param pid the PID
     * @return its program and arguments (empty for a kernel thread or a zombie)
     * @throws java.nio.file.NoSuchFileException if there is no such process
     * @throws IOException if it cannot be read, with the reason
     */
    List<String> commandLine(long pid) throws IOException;

    /**
     * @param pid the PID
     * @return the paths of the files it has open for writing that could refer to an
     *     instance ({@link dev.lifecycle.spi.InstanceReference#mayReferToAnInstance})
     * @throws java.nio.file.NoSuchFileException if there is no such process
     * @throws IOException if they cannot be read, with the reason
     */
    List<Path> writtenFiles(long pid) throws IOException;

    /**
     * Reads both; what cannot be read is named in the evidence, never thrown.
     *
     * @param pid the PID
     * @return the evidence
     */
    default ProcessEvidence read(long pid) {
        Optional<List<String>> commandLine;
        Optional<List<Path>> files;
        List<String> unread = new java.util.ArrayList<>();
        try {
            commandLine = Optional.of(commandLine(pid));
        } catch (IOException | RuntimeException e) {
            commandLine = Optional.empty();
            unread.add("the command line of PID " + pid + ": " + e);
        }
        try {
            files = Optional.of(writtenFiles(pid));
        } catch (IOException | RuntimeException e) {
            files = Optional.empty();
            unread.add("the open files of PID " + pid + ": " + e);
        }
        return new ProcessEvidence(commandLine, files, unread);
    }
}
