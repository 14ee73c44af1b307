// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QMP client against a real Unix socket served by a scripted peer in this JVM: what it
 * sends, and every way a peer can fail it. The stop with a stand-in and a real QEMU is in
 * {@code OrphanedQemuStopTest}.
 */
class QemuPowerdownTest {

    private static final String GREETING = "{\"QMP\": {\"version\": {}, \"capabilities\": []}}";

    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** Counted down once the peer has written everything it answers to system_powerdown. */
    private final CountDownLatch poweredDown = new CountDownLatch(1);

    /** What the peer does with each line it receives, after sending its first lines. */
    private interface Peer {
        void onLine(String line, OutputStream out) throws IOException;
    }

    private void serve(List<String> first, Peer peer) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("qmp.sock")));
        Thread t = new Thread(() -> {
            try (SocketChannel c = server.accept()) {
                OutputStream out = Channels.newOutputStream(c);
                for (String line : first) {
                    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                        StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    received.add(line);
                    try {
                        peer.onLine(line, out);
                        out.flush();
                    } finally {
                        if (line.contains("system_powerdown")) {
                            poweredDown.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                // the client closed
            }
        }, "qmp-peer");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static long inMillis(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static void answer(OutputStream out, String json) throws IOException {
        out.write((json + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String id(String line) {
        int i = line.indexOf("\"id\":\"");
        return line.substring(i + 6, line.indexOf('"', i + 6));
    }

    @Test
    void negotiatesThenAsksForThePowerButtonAndKeepsTheConnectionForTheShutdownEvent() throws Exception {
        serve(List.of(GREETING), (line, out) -> {
            answer(out, "{\"timestamp\": {}, \"event\": \"NIC_RX_FILTER_CHANGED\"}");
            answer(out, "{\"return\": {}, \"id\": \"" + id(line) + "\"}");
            if (line.contains("system_powerdown")) {
                answer(out, "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}");
            }
        });

        QemuPowerdown.Request r = QemuPowerdown.request(dir, inMillis(5000));

        QemuPowerdown.Sent sent = assertInstanceOf(QemuPowerdown.Sent.class, r, r.toString());
        try (QmpConnection c = sent.connection()) {
            assertEquals(2, received.size(), received.toString());
            assertTrue(received.get(0).contains("\"execute\":\"qmp_capabilities\""), received.toString());
            assertTrue(received.get(1).contains("\"execute\":\"system_powerdown\""), received.toString());
            assertTrue(poweredDown.await(5, TimeUnit.SECONDS));
            QemuPowerdown.Ending ending = QemuPowerdown.ending(c);
            assertTrue(ending.guestPoweredOff(), ending.account());
            assertTrue(ending.account().contains("guest-shutdown"), ending.account());
        }
    }

    @Test
    void aShutdownTheGuestDidNotStartIsNotAPowerOff() throws Exception {
        serve(List.of(GREETING), (line, out) -> {
            answer(out, "{\"return\": {}, \"id\": \"" + id(line) + "\"}");
            if (line.contains("system_powerdown")) {
                answer(out, "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": \"host-signal\"}}");
                throw new IOException("QEMU exits on the signal"); // and closes the connection
            }
        });
        QemuPowerdown.Sent sent = assertInstanceOf(QemuPowerdown.Sent.class, QemuPowerdown.request(dir, inMillis(5000)));
        try (QmpConnection c = sent.connection()) {
            assertTrue(poweredDown.await(5, TimeUnit.SECONDS));
            QemuPowerdown.Ending ending = QemuPowerdown.ending(c);
            assertFalse(ending.guestPoweredOff(), ending.account());
        }
    }

    @Test
    void anErrorAnswerIsNotSent() throws Exception {
        serve(List.of(GREETING), (line, out) -> answer(out, line.contains("system_powerdown")
                ? "{\"error\": {\"class\": \"GenericError\", \"desc\": \"no power button\"}, \"id\": \"" + id(line) + "\"}"
                : "{\"return\": {}, \"id\": \"" + id(line) + "\"}"));

        QemuPowerdown.Request r = QemuPowerdown.request(dir, inMillis(5000));

        String reason = assertInstanceOf(QemuPowerdown.NotSent.class, r).reason();
        assertTrue(reason.contains("system_powerdown refused by QEMU: no power button"), reason);
    }

    @Test
    void aPeerThatNeverGreetsTimesOut() throws Exception {
        serve(List.of(), (line, out) -> { });
        long start = System.nanoTime();

        QemuPowerdown.Request r = QemuPowerdown.request(dir, inMillis(300));

        String reason = assertInstanceOf(QemuPowerdown.NotSent.class, r).reason();
        assertTrue(reason.contains("no answer from QEMU in time"), reason);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "bounded by the deadline");
    }

    @Test
    void aPeerThatIsNotQmpIsRefused() throws Exception {
        serve(List.of("SSH-2.0-OpenSSH_9.2"), (line, out) -> { });

        String reason = assertInstanceOf(QemuPowerdown.NotSent.class, QemuPowerdown.request(dir, inMillis(5000))).reason();

        assertTrue(reason.contains("not a JSON object"), reason);
        assertTrue(received.isEmpty(), "nothing was sent to a peer that is not QMP: " + received);
    }

    @Test
    void aSocketNobodyListensOnAndAPlainFileAreNotSent() throws Exception {
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(dir.resolve("qmp.sock")));
        dead.close(); // the socket file stays, as after a crashed QEMU
        String refused = assertInstanceOf(QemuPowerdown.NotSent.class, QemuPowerdown.request(dir, inMillis(5000))).reason();
        assertTrue(refused.contains("QMP on qmp.sock failed"), refused);

        Files.delete(dir.resolve("qmp.sock"));
        Files.writeString(dir.resolve("qmp.sock"), "");
        String plain = assertInstanceOf(QemuPowerdown.NotSent.class, QemuPowerdown.request(dir, inMillis(5000))).reason();
        assertTrue(plain.contains("is not a socket"), plain);
    }
}
