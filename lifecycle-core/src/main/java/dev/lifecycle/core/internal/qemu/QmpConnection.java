// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.qemu;

import dev.lifecycle.core.internal.json.JsonLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client connection to QEMU's machine protocol (QMP) on a Unix socket: the greeting, the
 * capabilities handshake and single commands, each bounded by a deadline; events QEMU sends
 * meanwhile are kept. The connection can stay open while QEMU runs: what QEMU writes before
 * it exits stays buffered in the socket, so {@link #drainEvents()} reads it afterwards
 * without a thread having waited on it.
 *
 * <p>QMP messages are JSON objects, one per line: {@code {"QMP": …}} (the greeting),
 * {@code {"return": …}} or {@code {"error": {"desc": …}}} for a command, and
 * {@code {"event": NAME, "data": …}}. Only these keys are read.
 */
public final class QmpConnection implements AutoCloseable {

    /** A longer line is refused: QMP's greeting and events are well under a kilobyte. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** At most this much is read when draining events after QEMU exited. */
    static final int MAX_DRAIN_BYTES = 1024 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private int nextId = 1;

    private QmpConnection(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * Connects, reads QEMU's greeting and leaves capabilities-negotiation mode, so that
     * commands are accepted.
     *
     * @param socket the QMP socket, e.g. {@code <instance dir>/qmp.sock}
     * @param deadlineNanos the {@link System#nanoTime()} by which everything must be done
     * @return the open connection; the caller closes it
     * @throws QmpException if the socket refuses, QEMU does not answer in time or answers
     *     something that is not QMP
     */
    public static QmpConnection open(Path socket, long deadlineNanos) throws QmpException {
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            selector = Selector.open();
            QmpConnection c = new QmpConnection(channel, selector);
            c.connect(UnixDomainSocketAddress.of(socket), deadlineNanos);
            Map<String, Object> greeting = c.readMessage(deadlineNanos);
            if (!greeting.containsKey("QMP")) {
                throw new QmpException("the socket did not greet with QMP: " + brief(greeting));
            }
            c.execute("qmp_capabilities", deadlineNanos);
            return c;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, selector);
            throw e instanceof QmpException q ? q : new QmpException(socket + ": " + e, e);
        }
    }

    /**
     * Runs a command without arguments and waits for its answer; events before the answer
     * are kept.
     *
     * @param command e.g. {@code system_powerdown}
     * @param deadlineNanos the {@link System#nanoTime()} by which QEMU must have answered
     * @throws QmpException if QEMU answers with an error, does not answer in time, or the
     *     connection fails
     */
    public void execute(String command, long deadlineNanos) throws QmpException {
        try {
            executeOrFail(command, deadlineNanos);
        } catch (QmpException e) {
            throw e;
        } catch (IOException e) {
            throw new QmpException(command + ": " + e, e);
        }
    }

    private void executeOrFail(String command, long deadlineNanos) throws IOException {
        String id = "lifecycle-" + nextId++;
        // The command and id are our own constants: no escaping needed.
        write(("{\"execute\":\"" + command + "\",\"id\":\"" + id + "\"}\r\n").getBytes(StandardCharsets.US_ASCII),
                deadlineNanos);
        while (true) {
            Map<String, Object> message = readMessage(deadlineNanos);
            if (message.containsKey("event")) {
                events.add(message);
                continue;
            }
            if (!JsonLine.at(message, "id").map(id::equals).orElse(true)) {
                continue; // the answer to another client's command; QMP allows only one, but be strict
            }
            if (message.containsKey("return")) {
                return;
            }
            if (message.containsKey("error")) {
                String desc = JsonLine.at(message, "error", "desc").map(String::valueOf).orElse(brief(message));
                throw new QmpException(command + " refused by QEMU: " + desc);
            }
            throw new QmpException("unexpected answer to " + command + ": " + brief(message));
        }
    }

    /**
     * Reads, without waiting, everything QEMU has sent and that is still buffered (up to
     * {@value #MAX_DRAIN_BYTES} bytes), and returns every event seen on this connection.
     *
     * @return the events in order, each a QMP event object
     */
    public List<Map<String, Object>> drainEvents() {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        int total = 0;
        try {
            while (total < MAX_DRAIN_BYTES) {
                buf.clear();
                int n = channel.read(buf);
                if (n <= 0) {
                    break; // nothing buffered now (0), or QEMU closed the connection (-1)
                }
                total += n;
                pending.write(buf.array(), 0, n);
            }
        } catch (IOException e) {
            // A reset connection ends the reading; what was read before still counts.
        }
        for (String line : completeLines()) {
            JsonLine.object(line).filter(m -> m.containsKey("event")).ifPresent(events::add);
        }
        return List.copyOf(events);
    }

    @Override
    public void close() {
        closeQuietly(channel, selector);
    }

    private void connect(UnixDomainSocketAddress address, long deadlineNanos) throws IOException {
        if (channel.connect(address)) {
            return;
        }
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
        try {
            while (!channel.finishConnect()) {
                await(deadlineNanos, "connecting");
            }
        } finally {
            key.cancel();
            selector.selectNow(); // deregister the cancelled key before the next registration
        }
    }

    private void write(byte[] bytes, long deadlineNanos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
        try {
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) {
                    await(deadlineNanos, "sending a command");
                }
            }
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    private Map<String, Object> readMessage(long deadlineNanos) throws IOException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        try {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (true) {
                Optional<String> line = nextLine();
                if (line.isPresent()) {
                    if (line.get().isBlank()) {
                        continue;
                    }
                    return JsonLine.object(line.get()).orElseThrow(() -> new QmpException(
                            "QEMU sent a line that is not a JSON object: " + abbreviate(line.get())));
                }
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    throw new QmpException("QEMU closed the QMP connection");
                }
                if (n == 0) {
                    await(deadlineNanos, "waiting for an answer");
                    continue;
                }
                pending.write(buf.array(), 0, n);
                if (pending.size() > MAX_LINE_BYTES && nextLineEnd() < 0) {
                    throw new QmpException("QEMU sent a line longer than " + MAX_LINE_BYTES + " bytes");
                }
            }
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    private void await(long deadlineNanos, String what) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new QmpException("no answer from QEMU in time while " + what);
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    private int nextLineEnd() {
        byte[] bytes = pending.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private Optional<String> nextLine() {
        int end = nextLineEnd();
        if (end < 0) {
            return Optional.empty();
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        pending.write(bytes, end + 1, bytes.length - end - 1);
        return Optional.of(new String(bytes, 0, end, StandardCharsets.UTF_8).strip());
    }

    private List<String> completeLines() {
        List<String> lines = new ArrayList<>();
        for (Optional<String> line = nextLine(); line.isPresent(); line = nextLine()) {
            lines.add(line.get());
        }
        return lines;
    }

    private static String brief(Map<String, Object> message) {
        return abbreviate(message.keySet().toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static void closeQuietly(SocketChannel channel, Selector selector) {
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException e) {
            // nothing left to do with it
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to do with it
        }
    }
}
