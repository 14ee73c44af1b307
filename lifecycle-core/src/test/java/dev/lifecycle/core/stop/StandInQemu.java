// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import java.io.BufferedReader;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for QEMU with a QMP server on {@code <dir>/qmp.sock}, run through
 * {@link JavaStandIn} with QEMU's own arguments for them, so that its command line names its
 * instance as Lima's QEMU does ({@link #arguments}): it writes {@code <dir>/qemu.pid} after
 * its socket is listening (as {@code -pidfile} does), greets, accepts {@code qmp_capabilities}, and on
 * {@code system_powerdown} writes {@code <dir>/powerdown.received} and sends
 * {@code POWERDOWN}. With {@code power-off} the "guest" then powers off: QEMU's
 * {@code SHUTDOWN} event from the guest, and exit 0. With {@code ignore} nothing follows,
 * as with a guest that does not answer ACPI.
 */
public final class StandInQemu {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\")");

    private StandInQemu() {
    }

    /**
     * @param instanceDir the instance directory
     * @param behaviour {@code power-off} or {@code ignore}
     * @return the arguments: {@code -pidfile <dir>/qemu.pid -qmp unix:<dir>/qmp.sock,server=on,wait=off <behaviour>}
     */
    public static String[] arguments(Path instanceDir, String behaviour) {
        return new String[] {"-pidfile", instanceDir.resolve("qemu.pid").toString(),
            "-qmp", "unix:" + instanceDir.resolve("qmp.sock") + ",server=on,wait=off", behaviour};
    }

    /**
     * @param args as {@link #arguments} makes them
     * @throws Exception if it cannot serve
     */
    public static void main(String[] args) throws Exception {
        Path pidFile = Path.of(args[1]);
        Path socket = Path.of(args[3].substring("unix:".length(), args[3].indexOf(',')));
        Path dir = pidFile.getParent();
        boolean powerOff = "power-off".equals(args[4]);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        System.out.println("ready");
        System.out.flush();
        while (true) {
            try (SocketChannel client = server.accept()) {
                serve(client, dir, powerOff);
            } catch (java.io.IOException e) {
                System.err.println("client gone: " + e);
            }
        }
    }

    private static void serve(SocketChannel client, Path dir, boolean powerOff) throws Exception {
        OutputStream out = Channels.newOutputStream(client);
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                StandardCharsets.UTF_8));
        send(out, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 8}, \"package\": \"\"},"
                + " \"capabilities\": [\"oob\"]}}");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            System.err.println("QMP <- " + line);
            Matcher id = ID.matcher(line);
            String idPart = id.find() ? ", \"id\": " + id.group(1) : "";
            if (line.contains("\"qmp_capabilities\"")) {
                send(out, "{\"return\": {}" + idPart + "}");
            } else if (line.contains("\"system_powerdown\"")) {
                Files.writeString(dir.resolve("powerdown.received"), "x");
                send(out, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"POWERDOWN\"}");
                send(out, "{\"return\": {}" + idPart + "}");
                if (powerOff) {
                    send(out, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 3}, \"event\": \"SHUTDOWN\","
                            + " \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}");
                    System.exit(0);
                }
            } else {
                send(out, "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command has not been found\"}"
                        + idPart + "}");
            }
        }
    }

    private static void send(OutputStream out, String json) throws java.io.IOException {
        out.write((json + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
