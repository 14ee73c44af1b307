// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration files parsed so far in this JVM, each with the SHA-256 of the content
 * it was parsed from: a file whose bytes are the same is not parsed again. A stop of many
 * instances reads each {@code lima.yaml} more than once — the reader, the batch's network
 * step, a listing of the home — and parsing was most of what reading a home cost; reading
 * and hashing the bytes costs a few percent of it. The content decides, not the file's
 * time stamps, which a fast rewrite can leave unchanged. Only files up to
 * {@value #MAX_FILE_BYTES} bytes are kept. Bounded, least recently used out; thread-safe.
 */
final class ParsedConfigs {

    /** More than the instances of any Lima home, with their shared files. */
    static final int MAX_ENTRIES = 4096;

    /**
     * Files up to this size are kept; Lima's full template is about 35 KiB. A larger one is
     * parsed as a stream each time, so that it is never held in memory whole.
     */
    static final int MAX_FILE_BYTES = 256 * 1024;

    private static final ParsedConfigs SHARED = new ParsedConfigs(MAX_ENTRIES);

    private record Entry(byte[] sha256, LimaYaml yaml) {
    }

    private final Map<Path, Entry> entries;

    ParsedConfigs(int maxEntries) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** @return the JVM-wide instance */
    static ParsedConfigs shared() {
        return SHARED;
    }

    /**
     * What a file says, parsed once per content.
     *
     * @param file the file the bytes were read from, the cache key
     * @param bytes its content
     * @param parse parses the content when it was not parsed before
     * @return what the content says
     */
    LimaYaml parsed(Path file, byte[] bytes, java.util.function.Function<byte[], LimaYaml> parse) {
        Path key = file.toAbsolutePath();
        byte[] sha = sha256(bytes);
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && Arrays.equals(e.sha256(), sha)) {
                return e.yaml();
            }
        }
        LimaYaml yaml = parse.apply(bytes);
        synchronized (this) {
            entries.put(key, new Entry(sha, yaml));
        }
        return yaml;
    }

    /** @return how many files are kept */
    synchronized int size() {
        return entries.size();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** For tests: the entry of a file, if kept. */
    synchronized Optional<LimaYaml> kept(Path file) {
        Entry e = entries.get(file.toAbsolutePath());
        return e == null ? Optional.empty() : Optional.of(e.yaml());
    }
}
