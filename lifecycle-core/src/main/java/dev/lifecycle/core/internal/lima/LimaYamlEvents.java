// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.BaseScalarResolver;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads {@link LimaYaml}'s settings from the YAML event stream of one file, in one pass: the
 * top-level mapping's {@code vmType}, {@code arch}, {@code additionalDisks} and {@code networks} are read,
 * every other value is skipped event by event, nothing of it kept. Anchors on scalars are remembered (a
 * few, short) so that an alias in a setting we read resolves; an alias to a collection there,
 * and a merge key ({@code <<}) where it could change what we read, are reported as not
 * supported — never guessed. One instance per file; not thread-safe.
 */
final class LimaYamlEvents {

    /** Anchored scalars longer than this are not remembered; an alias to one is reported. */
    private static final int MAX_ANCHORED_LENGTH = 1024;
    private static final Set<String> CORE_TAGS = Set.of(Tag.STR.getValue(), Tag.INT.getValue(), Tag.FLOAT.getValue(),
            Tag.BOOL.getValue(), Tag.NULL.getValue(), Tag.SEQ.getValue(), Tag.MAP.getValue(), "!");

    /** What a scalar is under the core schema. */
    private enum Kind {
        STRING("string"), NUMBER("number"), BOOLEAN("boolean"), NULL("null");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** A scalar value with its core-schema kind. */
    private record Scalar(String value, Kind kind) {
    }

    /** Ends the read at once: the file is refused as a whole. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final String label;
    private final Iterator<Event> events;
    private final Problems problems;
    /** Anchor name to scalar, or to empty for a collection or a scalar too long to keep. */
    private final Map<String, Optional<Scalar>> anchors = new HashMap<>();
    private int count;
    private int depth;
    private int aliases;

    private LimaYamlEvents(String label, Iterator<Event> events) {
        this.label = label;
        this.events = events;
        this.problems = new Problems(label);
    }

    /**
     * Reads the settings. Never throws for what is in the stream.
     *
     * @param in the file's bytes (UTF-8, or UTF-16/32 with a byte-order mark)
     * @param label names the file in problems
     * @return the settings, with problems
     */
    static LimaYaml read(InputStream in, String label) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setUseMarks(false)
                // One window for the whole file: the reader then never re-copies its buffer
                // while scanning a long token (a line-long comment, a quoted megabyte).
                .setBufferSize(LimaYaml.MAX_BYTES + 1)
                .setCodePointLimit(LimaYaml.MAX_BYTES)
                .setParseComments(false)
                .build();
        try {
            // The parser itself: snakeyaml-engine 3 no longer exports api.lowlevel.Parse, its wrapper.
            ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, new YamlUnicodeReader(in)));
            return new LimaYamlEvents(label, parser).document();
        } catch (Refused e) {
            return LimaYaml.failed(label + ": " + e.getMessage());
        } catch (YamlEngineException e) {
            if (e.getCause() instanceof IOException io) {
                return LimaYaml.failed(label + ": cannot read: " + io);
            }
            // Syntax errors, bad encodings, the size limit.
            return LimaYaml.failed(label + ": invalid YAML: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // The file is untrusted input: whatever else the engine throws on it makes the
            // instance Broken, it must not take the whole listing down.
            return LimaYaml.failed(label + ": cannot parse: " + oneLine(e.toString()));
        }
    }

    // ---- the document ---------------------------------------------------------------

    private LimaYaml document() {
        expect(Event.ID.StreamStart);
        Event first = next();
        if (first.getEventId() == Event.ID.StreamEnd) {
            return LimaYaml.empty(); // an empty file (or only comments): every setting absent
        }
        if (first.getEventId() != Event.ID.DocumentStart) {
            throw new Refused("unexpected " + first.getEventId() + " at the start of the document");
        }
        Event root = next();
        LimaYaml result;
        if (root.getEventId() == Event.ID.MappingStart) {
            result = topLevel();
        } else {
            Optional<Scalar> scalar = root instanceof ScalarEvent s ? Optional.of(scalar(s)) : Optional.empty();
            skipRest(root);
            if (scalar.isPresent() && scalar.get().kind() == Kind.NULL) {
                result = LimaYaml.empty(); // "~" or "null": a configuration with every default
            } else {
                return LimaYaml.failed(label + ": the document is a " + kind(root, scalar)
                        + ", not a mapping of settings");
            }
        }
        expect(Event.ID.DocumentEnd);
        Event after = next();
        if (after.getEventId() != Event.ID.StreamEnd) {
            throw new Refused("more than one YAML document; Lima reads one");
        }
        return result;
    }

    private LimaYaml topLevel() {
        Optional<VmType> vmType = Optional.empty();
        Optional<String> arch = Optional.empty();
        Optional<List<String>> disks = Optional.empty();
        NetworkAttachments networks = NetworkAttachments.NONE;
        Set<String> keys = new HashSet<>();
        while (true) {
            Event key = next();
            if (key.getEventId() == Event.ID.MappingEnd) {
                break;
            }
            if (!(key instanceof ScalarEvent keyEvent)) {
                // An alias or a collection as a key could stand for vmType itself: never guess.
                throw new Refused("a top-level key is a" + (key instanceof AliasEvent ? "n alias" : " "
                        + kind(key, Optional.empty())) + "; only plain names are supported");
            }
            String keyText = keyEvent.getValue();
            if (keyEvent.isPlain() && keyText.equals("<<")) {
                // A merge at the top level could bring vmType or additionalDisks from anywhere.
                throw new Refused("a merge key (<<) at the top level is not supported: its settings cannot be"
                        + " read without resolving the merge");
            }
            if (!keys.add(keyText)) {
                throw new Refused("invalid YAML: duplicate key '" + printable(keyText) + "' (Lima refuses it too)");
            }
            Event value = next();
            switch (keyText) {
                case "vmType" -> vmType = vmType(value);
                case "arch" -> arch = arch(value);
                case "additionalDisks" -> disks = additionalDisks(value);
                case "networks" -> networks = networks(value);
                default -> skipRest(value);
            }
        }
        return new LimaYaml(vmType, disks, problems.list(), networks, arch);
    }

    // ---- vmType and arch -------------------------------------------------------------

    private Optional<VmType> vmType(Event value) {
        Optional<String> text = name(value, "vmType", "qemu or vz");
        // Lima treats an empty value and "default" like an absent one.
        if (text.isEmpty() || text.get().isEmpty() || text.get().toLowerCase(Locale.ROOT).equals("default")) {
            return Optional.empty();
        }
        try {
            return Optional.of(VmType.of(text.get()));
        } catch (IllegalArgumentException e) {
            problems.add("vmType: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** As written: {@code default} and an empty value are present (Lima resolves them to the host's). */
    private Optional<String> arch(Event value) {
        return name(value, "arch", "x86_64 or aarch64");
    }

    /**
     * A setting that holds one name: its text, stripped; empty when it is {@code null}, or
     * anything but a string (then a problem says so).
     */
    private Optional<String> name(Event value, String setting, String examples) {
        Optional<Scalar> scalar = resolved(value, setting);
        if (scalar.isEmpty()) {
            if (!(value instanceof AliasEvent)) {
                problems.add(setting + " is a " + kind(value, scalar) + ", not a name such as " + examples);
                skipRest(value);
            }
            return Optional.empty();
        }
        Scalar s = scalar.get();
        if (s.kind() == Kind.NULL) {
            return Optional.empty();
        }
        if (s.kind() != Kind.STRING) {
            problems.add(setting + " is a " + s.kind().word + ", not a name such as " + examples);
            return Optional.empty();
        }
        return Optional.of(s.value().strip());
    }

    // ---- additionalDisks --------------------------------------------------------------

    private Optional<List<String>> additionalDisks(Event value) {
        if (value.getEventId() != Event.ID.SequenceStart) {
            Optional<Scalar> scalar = resolved(value, "additionalDisks");
            if (scalar.isPresent() && scalar.get().kind() == Kind.NULL) {
                return Optional.empty(); // "additionalDisks:" with nothing after it
            }
            if (!(value instanceof AliasEvent)) {
                problems.add("additionalDisks is a " + kind(value, scalar) + ", not a list");
                skipRest(value);
            } else if (scalar.isPresent()) {
                problems.add("additionalDisks is a " + scalar.get().kind().word + ", not a list");
            }
            return Optional.of(List.of());
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; ; i++) {
            Event entry = next();
            if (entry.getEventId() == Event.ID.SequenceEnd) {
                break;
            }
            if (i == LimaYaml.MAX_ENTRIES) {
                throw new Refused("additionalDisks has more than " + LimaYaml.MAX_ENTRIES + " entries; a VM has a handful");
            }
            String where = "additionalDisks[" + i + "]";
            diskName(entry, where).ifPresent(name -> {
                if (Instance.isValidIdentifier(name)) {
                    names.add(name);
                } else {
                    problems.add(where + ": invalid disk name '" + printable(name)
                            + "' (Lima names use letters, digits and single . _ - between them); entry ignored");
                }
            });
        }
        return Optional.of(List.copyOf(names));
    }

    /** The name an entry gives, either the entry itself or its {@code name:}; problems for the rest. */
    private Optional<String> diskName(Event entry, String where) {
        if (entry.getEventId() == Event.ID.MappingStart) {
            return nameOfMapping(where);
        }
        Optional<Scalar> scalar = resolved(entry, where);
        if (scalar.isPresent() && scalar.get().kind() == Kind.STRING) {
            return Optional.of(scalar.get().value());
        }
        if (!(entry instanceof AliasEvent) || scalar.isPresent()) { // an unresolved alias is reported already
            problems.add(where + " is a " + kind(entry, scalar) + ", neither a disk name nor a mapping with name:;"
                    + " entry ignored");
        }
        skipRest(entry);
        return Optional.empty();
    }

    private Optional<String> nameOfMapping(String where) {
        String[] name = {null};
        String[] missing = {"missing or null"};
        boolean[] unresolved = {false};
        boolean read = walkMapping(where, (key, value) -> {
            if (key.equals("name")) {
                Optional<Scalar> scalar = resolved(value, where + ".name");
                if (scalar.isPresent() && scalar.get().kind() == Kind.STRING) {
                    name[0] = scalar.get().value();
                } else if (value instanceof AliasEvent && scalar.isEmpty()) {
                    unresolved[0] = true; // reported by resolved()
                } else if (scalar.isEmpty() || scalar.get().kind() != Kind.NULL) {
                    missing[0] = "a " + kind(value, scalar);
                }
            }
            skipRest(value);
        });
        if (!read || unresolved[0]) {
            return Optional.empty();
        }
        if (name[0] == null) {
            problems.add(where + " has no name (name: is " + missing[0] + "); entry ignored");
        }
        return Optional.ofNullable(name[0]);
    }

    // ---- networks -------------------------------------------------------------------

    private NetworkAttachments networks(Event value) {
        if (value.getEventId() != Event.ID.SequenceStart) {
            Optional<Scalar> scalar = resolved(value, "networks");
            if (scalar.isPresent() && scalar.get().kind() == Kind.NULL) {
                return NetworkAttachments.NONE; // "networks:" with nothing after it, as in Lima's template
            }
            if (!(value instanceof AliasEvent) || scalar.isPresent()) {
                problems.add("networks is not a list");
            }
            skipRest(value);
            return NetworkAttachments.NONE;
        }
        Set<String> lima = new LinkedHashSet<>();
        Set<String> sockets = new LinkedHashSet<>();
        for (int i = 0; ; i++) {
            Event entry = next();
            if (entry.getEventId() == Event.ID.SequenceEnd) {
                break;
            }
            if (i == LimaYaml.MAX_ENTRIES) {
                throw new Refused("networks has more than " + LimaYaml.MAX_ENTRIES + " entries");
            }
            String where = "networks[" + i + "]";
            if (entry.getEventId() != Event.ID.MappingStart) {
                if (!(entry instanceof AliasEvent) || resolved(entry, where).isPresent()) {
                    problems.add(where + " is not a mapping; entry ignored");
                }
                skipRest(entry);
                continue;
            }
            // vzNAT and the per-entry settings use no daemon: only lima: and socket: count.
            walkMapping(where, (key, v) -> {
                switch (key) {
                    case "lima" -> networkText(v, where + ".lima").ifPresent(lima::add);
                    case "socket" -> networkText(v, where + ".socket").ifPresent(sockets::add);
                    default -> skipRest(v);
                }
            });
        }
        return new NetworkAttachments(List.copyOf(lima), List.copyOf(sockets));
    }

    private Optional<String> networkText(Event value, String where) {
        Optional<Scalar> scalar = resolved(value, where);
        skipRest(value);
        if (scalar.isEmpty()) {
            if (!(value instanceof AliasEvent)) {
                problems.add(where + " is not a string; entry ignored");
            }
            return Optional.empty();
        }
        if (scalar.get().kind() == Kind.NULL) {
            return Optional.empty();
        }
        if (scalar.get().kind() != Kind.STRING) {
            problems.add(where + " is not a string; entry ignored");
            return Optional.empty();
        }
        // Lima treats an empty value like an absent one.
        String text = scalar.get().value();
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /**
     * Walks the mapping the stream is in: {@code onValue} gets each key's text and the first
     * event of its value, and must consume the value. A merge key ({@code <<}) could bring
     * keys from elsewhere: it is reported and ends the walk, the rest skipped.
     *
     * @return false if the mapping had a merge key
     */
    private boolean walkMapping(String where, BiConsumer<String, Event> onValue) {
        while (true) {
            Event key = next();
            if (key.getEventId() == Event.ID.MappingEnd) {
                return true;
            }
            String keyText = key instanceof ScalarEvent k ? k.getValue() : "";
            boolean merge = key instanceof ScalarEvent k && k.isPlain() && keyText.equals("<<");
            skipRest(key);
            Event value = next();
            if (merge) {
                problems.add(where + " uses a merge key (<<), which is not supported here; entry ignored");
                skipRest(value);
                skipToEnd(Event.ID.MappingEnd);
                return false;
            }
            onValue.accept(keyText, value);
        }
    }

    // ---- scalars, aliases and anchors -------------------------------------------------

    /**
     * The scalar a setting's value is, following an alias to a scalar. A collection gives
     * empty; an alias that cannot be followed is reported (as not supported) and gives empty.
     */
    private Optional<Scalar> resolved(Event value, String setting) {
        if (value instanceof ScalarEvent s) {
            return Optional.of(scalar(s));
        }
        if (value instanceof AliasEvent alias) {
            String anchor = alias.getAlias().getValue();
            Optional<Scalar> target = anchors.getOrDefault(anchor, Optional.empty());
            if (target.isEmpty()) {
                problems.add(setting + " is an alias (*" + printable(anchor) + ") to "
                        + (anchors.containsKey(anchor) ? "a list, a mapping or a long text" : "no earlier anchor")
                        + ", which is not supported here; it is not read");
            }
            return target;
        }
        return Optional.empty();
    }

    private Scalar scalar(ScalarEvent event) {
        Kind kind;
        Optional<String> tag = event.getTag();
        if (tag.isPresent() && !tag.get().equals("!")) {
            kind = tag.get().equals(Tag.STR.getValue()) ? Kind.STRING
                    : tag.get().equals(Tag.NULL.getValue()) ? Kind.NULL
                    : tag.get().equals(Tag.BOOL.getValue()) ? Kind.BOOLEAN : Kind.NUMBER;
        } else if (!event.isPlain()) {
            kind = Kind.STRING;
        } else {
            kind = plainKind(event.getValue());
        }
        return new Scalar(event.getValue(), kind);
    }

    /** The core schema's resolution of a plain scalar; {@code ${...}} stays text (no substitution). */
    private static Kind plainKind(String value) {
        if (BaseScalarResolver.EMPTY.matcher(value).matches() || CoreScalarResolver.NULL.matcher(value).matches()) {
            return Kind.NULL;
        }
        if (CoreScalarResolver.BOOL.matcher(value).matches()) {
            return Kind.BOOLEAN;
        }
        if (CoreScalarResolver.INT.matcher(value).matches() || CoreScalarResolver.FLOAT.matcher(value).matches()) {
            return Kind.NUMBER;
        }
        return Kind.STRING;
    }

    private static String kind(Event event, Optional<Scalar> scalar) {
        return switch (event.getEventId()) {
            case SequenceStart -> "list";
            case MappingStart -> "mapping";
            case Alias -> "alias";
            default -> scalar.map(s -> s.kind().word).orElse("string");
        };
    }

    // ---- the event stream -------------------------------------------------------------

    /** The next event, counted and checked: limits, tags, anchors. */
    private Event next() {
        if (!events.hasNext()) {
            throw new Refused("the YAML ends in the middle of a value");
        }
        Event event = events.next();
        if (++count > LimaYaml.MAX_EVENTS) {
            throw new Refused("more than " + LimaYaml.MAX_EVENTS + " YAML events; refusing to read further"
                    + " (Lima's full template has fewer than 200)");
        }
        switch (event.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > LimaYaml.MAX_DEPTH) {
                    throw new Refused("collections nested deeper than " + LimaYaml.MAX_DEPTH + " levels; refusing to parse");
                }
                checkTag(((CollectionStartEvent) event).getTag());
                remember(event, Optional.empty());
            }
            case SequenceEnd, MappingEnd -> depth--;
            case Scalar -> {
                ScalarEvent s = (ScalarEvent) event;
                checkTag(s.getTag());
                remember(event, s.getValue().length() <= MAX_ANCHORED_LENGTH ? Optional.of(scalar(s)) : Optional.empty());
            }
            case Alias -> {
                if (++aliases > LimaYaml.MAX_ALIASES) {
                    throw new Refused("more than " + LimaYaml.MAX_ALIASES + " aliases; refusing to read further");
                }
            }
            default -> {
                // stream and document markers
            }
        }
        return event;
    }

    private void remember(Event event, Optional<Scalar> value) {
        ((NodeEvent) event).getAnchor().ifPresent(a -> {
            if (anchors.size() < LimaYaml.MAX_EVENTS) {
                anchors.put(a.getValue(), value);
            }
        });
    }

    private static void checkTag(Optional<String> tag) {
        if (tag.isPresent() && !CORE_TAGS.contains(tag.get())) {
            throw new Refused("invalid YAML: the tag " + printable(tag.get()) + " is not allowed (YAML core schema only)");
        }
    }

    private void expect(Event.ID id) {
        Event e = next();
        if (e.getEventId() != id) {
            throw new Refused("expected " + id + " but found " + e.getEventId());
        }
    }

    /** Skips what is left of a node whose first event was {@code first}. */
    private void skipRest(Event first) {
        if (first.getEventId() == Event.ID.SequenceStart) {
            skipToEnd(Event.ID.SequenceEnd);
        } else if (first.getEventId() == Event.ID.MappingStart) {
            skipToEnd(Event.ID.MappingEnd);
        }
    }

    /** Skips to the end of the collection the stream is in, nested ones included. */
    private void skipToEnd(Event.ID end) {
        int start = depth;
        while (true) {
            Event e = next();
            if (depth < start && e.getEventId() == end) {
                return;
            }
        }
    }

    static String oneLine(String message) {
        return message == null ? "(no detail)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder sb = new StringBuilder();
        shown.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    /** The problems of one file, each naming it; after {@value LimaYaml#MAX_PROBLEMS}, only counted. */
    private static final class Problems {
        private final String label;
        private final List<String> kept = new ArrayList<>();
        private int more;

        Problems(String label) {
            this.label = label;
        }

        void add(String problem) {
            if (kept.size() < LimaYaml.MAX_PROBLEMS) {
                kept.add(label + ": " + problem);
            } else {
                more++;
            }
        }

        List<String> list() {
            if (more == 0) {
                return kept;
            }
            List<String> all = new ArrayList<>(kept);
            all.add(label + ": " + more + " more problem" + (more == 1 ? "" : "s") + " like these");
            return all;
        }
    }
}
