package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.VmType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The settings of an instance's {@code lima.yaml} the stopper needs: the VM type, the
 * additional disks and the shared networks ({@link NetworkAttachments}, read by a separate
 * class). Everything else in the file is ignored.
 *
 * <p>The file is loaded safely: at most {@value #MAX_BYTES} bytes, YAML 1.2 core schema
 * only (a custom tag is an error, no Java type is ever instantiated from the file), no
 * environment substitution, few aliases, bounded nesting, and duplicate keys are an error
 * as they are for Lima. Whatever cannot be read becomes a problem, never an exception:
 * Lima reports such an instance as Broken, and so do we.
 *
 * @param vmType the VM type as configured; empty when absent, {@code null}, blank,
 *     {@code default}, or unreadable (then the platform default applies)
 * @param additionalDisks the valid additional disk names, in file order, without repeats
 * @param problems what could not be read, each naming the file
 * @param networks the shared networks the instance attaches to ({@code networks:})
 */
record LimaYaml(Optional<VmType> vmType, List<String> additionalDisks, List<String> problems,
                NetworkAttachments networks) {

    /** File name of the instance configuration. */
    public static final String FILE_NAME = "lima.yaml";
    /** Larger files are refused unread; Lima's own full template is about 30 KiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Deeper documents are refused before they are built; Lima's schema is a few levels deep. */
    static final int MAX_DEPTH = 64;
    private static final int MAX_ALIASES = 50;

    /** Copies the lists. */
    public LimaYaml {
        Objects.requireNonNull(vmType, "vmType");
        additionalDisks = List.copyOf(additionalDisks);
        problems = List.copyOf(problems);
        Objects.requireNonNull(networks, "networks");
    }

    /**
     * A configuration that attaches no network.
     *
     * @param vmType the VM type as configured
     * @param additionalDisks the valid additional disk names
     * @param problems what could not be read
     */
    LimaYaml(Optional<VmType> vmType, List<String> additionalDisks, List<String> problems) {
        this(vmType, additionalDisks, problems, NetworkAttachments.NONE);
    }

    /**
     * Reads {@code lima.yaml}. Never throws for a missing, unreadable or malformed file:
     * that is a problem in the result.
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
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return failed(file + ": cannot read: " + e);
        }
        if (bytes.length > MAX_BYTES) {
            return failed(file + " grew past " + MAX_BYTES + " bytes while being read");
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses the content of a {@code lima.yaml}.
     *
     * @param bytes the content (UTF-8, or UTF-16/32 with a byte-order mark)
     * @param label names the file in problems
     * @return what the content says, with problems
     */
    public static LimaYaml parse(byte[] bytes, String label) {
        if (bytes.length > MAX_BYTES) {
            return failed(label + " has " + bytes.length + " bytes; refusing to parse more than " + MAX_BYTES);
        }
        LoadSettings settings = settings(label);
        Object document;
        try {
            Optional<String> tooDeep = depthProblem(settings, bytes, label);
            if (tooDeep.isPresent()) {
                return failed(tooDeep.get());
            }
            document = new Load(settings).loadFromInputStream(new ByteArrayInputStream(bytes));
        } catch (YamlEngineException e) {
            // Syntax errors, bad encodings, unknown tags, duplicate keys, too many aliases.
            return failed(label + ": invalid YAML: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // The file is untrusted input: whatever else the engine throws on it makes the
            // instance Broken, it must not take the whole listing down.
            return failed(label + ": cannot parse: " + oneLine(e.toString()));
        }
        if (document == null) {
            // An empty file (or only comments) is a configuration with every default.
            return new LimaYaml(Optional.empty(), List.of(), List.of());
        }
        if (!(document instanceof Map<?, ?> top)) {
            return failed(label + ": the document is a " + kind(document) + ", not a mapping of settings");
        }
        List<String> problems = new ArrayList<>();
        Optional<VmType> vmType = vmType(top.get("vmType"), label, problems);
        List<String> disks = additionalDisks(top.get("additionalDisks"), label, problems);
        NetworkAttachments networks = NetworkAttachments.read(top.get("networks"), label, problems);
        return new LimaYaml(vmType, disks, problems, networks);
    }

    private static LoadSettings settings(String label) {
        return LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .setParseComments(false)
                .build();
    }

    /**
     * The engine builds nodes recursively, so a deeply nested document could overflow the
     * stack; its parser is iterative, so depth is measured on the event stream first.
     */
    private static Optional<String> depthProblem(LoadSettings settings, byte[] bytes, String label) {
        int depth = 0;
        // The parser itself: snakeyaml-engine 3 no longer exports api.lowlevel.Parse, its wrapper.
        ParserImpl events = new ParserImpl(settings,
                new StreamReader(settings, new YamlUnicodeReader(new ByteArrayInputStream(bytes))));
        while (events.hasNext()) {
            Event event = events.next();
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        return Optional.of(label + ": collections nested deeper than " + MAX_DEPTH
                                + " levels; refusing to parse");
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> {
                    // scalars, aliases, document and stream markers do not nest
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<VmType> vmType(Object value, String label, List<String> problems) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            problems.add(label + ": vmType is a " + kind(value) + ", not a name such as qemu or vz");
            return Optional.empty();
        }
        // Lima treats an empty value and "default" like an absent one.
        if (text.isBlank() || text.strip().toLowerCase(Locale.ROOT).equals("default")) {
            return Optional.empty();
        }
        try {
            return Optional.of(VmType.of(text));
        } catch (IllegalArgumentException e) {
            problems.add(label + ": vmType: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<String> additionalDisks(Object value, String label, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            problems.add(label + ": additionalDisks is a " + kind(value) + ", not a list");
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            Object name = entry instanceof Map<?, ?> map ? map.get("name") : entry;
            String where = label + ": additionalDisks[" + i + "]";
            if (!(name instanceof String text)) {
                problems.add(where + (entry instanceof Map<?, ?>
                        ? " has no name (name: is " + (name == null ? "missing or null" : "a " + kind(name)) + ")"
                        : " is a " + kind(entry) + ", neither a disk name nor a mapping with name:")
                        + "; entry ignored");
            } else if (!Instance.isValidName(text)) {
                problems.add(where + ": invalid disk name '" + printable(text)
                        + "' (Lima names use letters, digits and single . _ - between them); entry ignored");
            } else {
                names.add(text);
            }
        }
        return List.copyOf(names);
    }

    private static LimaYaml failed(String problem) {
        return new LimaYaml(Optional.empty(), List.of(), List.of(problem));
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "mapping";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value.getClass().getSimpleName();
    }

    private static String oneLine(String message) {
        return message == null ? "(no detail)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder sb = new StringBuilder();
        shown.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
