// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.core.internal.json.JsonLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The host agent's event log, {@code ha.stdout.log}: one JSON event per line. On a clean
 * exit — its own shutdown path, after it stopped the VM — the agent writes
 * {@code {"status":{"exiting":true}}} last; {@code limactl stop} waits for exactly that
 * event. A kill or a crash writes nothing. The stopper reads the log from where it ended
 * before the interrupt, so the evidence does not depend on any clock.
 */
public final class HostAgentLog {

    /** The log's name in the instance directory. */
    public static final String FILE_NAME = "ha.stdout.log";
    /** At most this much of the log's new part is read. */
    static final int MAX_READ_BYTES = 1024 * 1024;

    private HostAgentLog() {
    }

    /**
     * @param instanceDir the instance directory
     * @return the current size of the log, or empty if there is no readable regular log
     */
    public static OptionalLong end(Path instanceDir) {
        Path log = instanceDir.resolve(FILE_NAME);
        try {
            return Files.isRegularFile(log) ? OptionalLong.of(Files.size(log)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether the agent logged its exiting event after an offset. A log that shrank was
     * replaced: then all of it is new. Of a large new part only the last
     * {@value #MAX_READ_BYTES} bytes are read (the exiting event is the agent's last line).
     *
     * @param instanceDir the instance directory
     * @param offset the log's size before the interrupt ({@link #end})
     * @return true if an event with {@code status.exiting} true was appended since
     */
    public static boolean exitedCleanlySince(Path instanceDir, long offset) {
        Path log = instanceDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(log, StandardOpenOption.READ)) {
            long size = ch.size();
            long from = size < offset ? 0 : offset;
            from = Math.max(from, size - MAX_READ_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
            ch.position(from);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read what is there
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            return text.lines().anyMatch(HostAgentLog::isExitingEvent);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isExitingEvent(String line) {
        return JsonLine.object(line)
                .flatMap(event -> JsonLine.at(event, "status", "exiting"))
                .map(Boolean.TRUE::equals)
                .orElse(false);
    }
}
