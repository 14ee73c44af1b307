// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.VmType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one Lima configuration file ({@code lima.yaml}, and in the same form
 * {@code _config/default.yaml} and {@code _config/override.yaml}) that a stop needs: the VM
 * type, the guest architecture (which decides the default VM type), the additional disks and
 * the shared networks. Everything else in the file is skipped without being built.
 *
 * <p>The file is read as a stream of YAML events ({@link LimaYamlEvents}), so memory and
 * time are bounded by the limits here, not by the shape of the file: at most
 * {@value #MAX_BYTES} bytes, {@value #MAX_EVENTS} YAML events, {@value #MAX_DEPTH} levels of
 * nesting, {@value #MAX_ALIASES} aliases and {@value #MAX_ENTRIES} entries in a list that is
 * read. YAML 1.2 core schema only (a custom tag is an error, nothing is ever instantiated from
 * the file), no environment substitution, and a duplicate top-level key is an error as it is
 * for Lima. Whatever cannot be read becomes a
 * problem, never an exception: Lima reports such an instance as Broken, and so do we.
 *
 * <p>Absent and present are kept apart, so that several files can be merged the way Lima
 * merges them (an absent setting leaves the other files' value in place).
 *
 * @param vmType the VM type as configured; empty when absent, {@code null}, blank or
 *     {@code default} (Lima's ways of leaving it to the default), or unreadable (then a problem says why)
 * @param additionalDisks the valid additional disk names, in file order, without repeats;
 *     empty when the setting is absent or {@code null}, an empty list for {@code []}
 * @param problems what could not be read, each naming the file; at most {@value #MAX_PROBLEMS}
 *     plus one line counting the rest
 * @param networks the shared networks the instance attaches to ({@code networks:}); none when absent
 * @param arch the guest architecture as written ({@code aarch64}, {@code x86_64}, and also
 *     {@code default} or empty, which Lima resolves to the host's); empty when absent,
 *     {@code null} or unreadable (then a problem says why)
 */
record LimaYaml(Optional<VmType> vmType, Optional<List<String>> additionalDisks, List<String> problems,
                NetworkAttachments networks, Optional<String> arch) {

    /** File name of the instance configuration. */
    public static final String FILE_NAME = "lima.yaml";
    /**
     * Larger files are refused unread. Lima's full template, every comment included, is about
     * 35 KiB; thirty times that leaves room for long provisioning scripts.
     */
    public static final int MAX_BYTES = 1024 * 1024;
    /**
     * More YAML events (scalars, aliases, collection starts and ends) than this are refused:
     * Lima's full template makes fewer than 200.
     */
    public static final int MAX_EVENTS = 10_000;
    /** Deeper documents are refused; Lima's schema is a few levels deep. */
    public static final int MAX_DEPTH = 64;
    /** More aliases than this are refused, as Lima's YAML library refuses excessive aliasing. */
    public static final int MAX_ALIASES = 50;
    /** More entries than this in {@code additionalDisks} or {@code networks} are refused; a VM has a handful. */
    public static final int MAX_ENTRIES = 1000;
    /** Problems kept per file; the rest are counted. */
    public static final int MAX_PROBLEMS = 20;

    private static final LimaYaml EMPTY = new LimaYaml(Optional.empty(), Optional.empty(), List.of());

    /** Copies the lists. */
    public LimaYaml {
        Objects.requireNonNull(vmType, "vmType");
        additionalDisks = additionalDisks.map(List::copyOf);
        problems = List.copyOf(problems);
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(arch, "arch");
    }

    /**
     * A configuration that names no architecture.
     *
     * @param vmType the VM type as configured
     * @param additionalDisks the additional disks, if the setting is present
     * @param problems what could not be read
     * @param networks the shared networks
     */
    LimaYaml(Optional<VmType> vmType, Optional<List<String>> additionalDisks, List<String> problems,
             NetworkAttachments networks) {
        this(vmType, additionalDisks, problems, networks, Optional.empty());
    }

    /**
     * A configuration that attaches no network and names no architecture.
     *
     * @param vmType the VM type as configured
     * @param additionalDisks the additional disks, if the setting is present
     * @param problems what could not be read
     */
    LimaYaml(Optional<VmType> vmType, Optional<List<String>> additionalDisks, List<String> problems) {
        this(vmType, additionalDisks, problems, NetworkAttachments.NONE);
    }

    /**
     * @return a file that sets nothing: every setting absent, no problem
     */
    public static LimaYaml empty() {
        return EMPTY;
    }

    /**
     * Reads a configuration file. Never throws for a missing, unreadable or malformed file:
     * that is a problem in the result. Content read before is not parsed again
     * ({@link ParsedConfigs}).
     *
     * @param file the file, normally {@code <instance dir>/lima.yaml}
     * @return what the file says, with problems
     */
    public static LimaYaml read(Path file) {
        BasicFileAttributes attrs;
        try {
            // Following a link is harmless for reading; the regular-file check below keeps
            // FIFOs and devices (which could block or never end) out.
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return failed(file + " does not exist (Lima reports such an instance as Broken)");
        } catch (IOException e) {
            return failed(file + ": cannot read attributes: " + e);
        }
        if (!attrs.isRegularFile()) {
            return failed(file + " is not a regular file");
        }
        if (attrs.size() > MAX_BYTES) {
            return failed(file + " has " + attrs.size() + " bytes; refusing to parse more than " + MAX_BYTES);
        }
        if (attrs.size() > ParsedConfigs.MAX_FILE_BYTES) {
            // Larger than any real configuration: streamed, never held whole, and not kept.
            // A file that grows past the cap while being read is stopped by the parser's code point limit.
            try (InputStream in = Files.newInputStream(file)) {
                return LimaYamlEvents.read(in, file.toString());
            } catch (IOException e) {
                return failed(file + ": cannot read: " + e);
            }
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return failed(file + ": cannot read: " + e);
        }
        if (bytes.length > MAX_BYTES) {
            return failed(file + " grew past " + MAX_BYTES + " bytes while being read");
        }
        return ParsedConfigs.shared().parsed(file, bytes, content -> parse(content, file.toString()));
    }

    /**
     * Parses the content of a configuration file.
     *
     * @param bytes the content (UTF-8, or UTF-16/32 with a byte-order mark)
     * @param label names the file in problems
     * @return what the content says, with problems
     */
    public static LimaYaml parse(byte[] bytes, String label) {
        if (bytes.length > MAX_BYTES) {
            return failed(label + " has " + bytes.length + " bytes; refusing to parse more than " + MAX_BYTES);
        }
        return LimaYamlEvents.read(new ByteArrayInputStream(bytes), label);
    }

    static LimaYaml failed(String problem) {
        return new LimaYaml(Optional.empty(), Optional.empty(), List.of(problem));
    }
}
