// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running process names, as a provider read it from the OS: its command line and
 * the files it has open for writing. This is the clock-free evidence of which instance a
 * process belongs to; {@link InstanceReference} reads it.
 *
 * @param commandLine the program and its arguments, if they could be read
 * @param writtenFiles the paths of the files the process has open for writing, as the
 *     kernel reports them, if they could be read (a provider that cannot list open files
 *     leaves this empty and says so in {@code unread})
 * @param unread what could not be read, and why (empty when everything was read)
 */
public record ProcessEvidence(Optional<List<String>> commandLine, Optional<List<Path>> writtenFiles,
                              List<String> unread) {

    /** Copies the lists; validates that nothing is null. */
    public ProcessEvidence {
        commandLine = Objects.requireNonNull(commandLine, "commandLine").map(List::copyOf);
        writtenFiles = Objects.requireNonNull(writtenFiles, "writtenFiles").map(List::copyOf);
        unread = List.copyOf(unread);
    }

    /**
     * Evidence read in full.
     *
     * @param commandLine the program and its arguments
     * @param writtenFiles the files it has open for writing
     * @return the evidence
     */
    public static ProcessEvidence of(List<String> commandLine, List<Path> writtenFiles) {
        return new ProcessEvidence(Optional.of(commandLine), Optional.of(writtenFiles), List.of());
    }

    /**
     * Only the command line could be read (open files not at all, or not here).
     *
     * @param commandLine the program and its arguments
     * @param whyNoFiles why the open files were not read
     * @return the evidence
     */
    public static ProcessEvidence commandLineOnly(List<String> commandLine, String whyNoFiles) {
        return new ProcessEvidence(Optional.of(commandLine), Optional.empty(), List.of(whyNoFiles));
    }

    /**
     * Nothing could be read (permissions, a hidden procfs, no such call on this OS).
     *
     * @param why what failed, naming the PID
     * @return the evidence
     */
    public static ProcessEvidence unreadable(String why) {
        return new ProcessEvidence(Optional.empty(), Optional.empty(), List.of(why));
    }

    /**
     * What the JDK alone can read of a process: its command line, from
     * {@link ProcessHandle.Info} (on Linux and macOS; the JDK reads no arguments on Windows),
     * and never its open files. For providers with no native way of their own.
     *
     * @param process the process
     * @return the evidence
     */
    public static ProcessEvidence fromJdk(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        if (info.arguments().isEmpty()) {
            return unreadable("PID " + process.pid() + ": the JDK cannot read its arguments here");
        }
        List<String> commandLine = new java.util.ArrayList<>();
        info.command().ifPresent(commandLine::add);
        commandLine.addAll(List.of(info.arguments().get()));
        return commandLineOnly(commandLine, "the JDK cannot list open files");
    }

    /** @return true if neither the command line nor the open files could be read */
    public boolean readNothing() {
        return commandLine.isEmpty() && writtenFiles.isEmpty();
    }
}
