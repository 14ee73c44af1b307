// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.qemu;

import dev.lifecycle.core.internal.json.JsonLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Asks a QEMU guest to power off the way Lima's host agent does ({@code pkg/driver/qemu}:
 * QMP {@code system_powerdown}, the ACPI power button), through the instance's own
 * {@code qmp.sock} only — never a socket elsewhere, never through a symlink. The
 * connection stays open until QEMU exits, so that its {@code SHUTDOWN} event tells
 * whether the guest powered off or something else ended QEMU.
 */
public final class QemuPowerdown {

    /** Lima's QMP socket in the instance directory. */
    public static final String QMP_SOCKET = "qmp.sock";

    private QemuPowerdown() {
    }

    /** What {@link #request} did. */
    public sealed interface Request {
    }

    /**
     * QEMU accepted {@code system_powerdown}; the connection is kept for the evidence.
     *
     * @param connection the open QMP connection, closed by the caller
     */
    public record Sent(QmpConnection connection) implements Request {
    }

    /**
     * The request was not made or not accepted.
     *
     * @param reason why, in words
     */
    public record NotSent(String reason) implements Request {
    }

    /**
     * Checks the socket, connects, negotiates and sends {@code system_powerdown}.
     *
     * @param instanceDir the instance directory
     * @param deadlineNanos the {@link System#nanoTime()} by which QEMU must have answered
     * @return what happened; never throws
     */
    public static Request request(Path instanceDir, long deadlineNanos) {
        Path socket = instanceDir.resolve(QMP_SOCKET);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new NotSent("there is no " + QMP_SOCKET + " in the instance directory");
        } catch (IOException e) {
            return new NotSent("cannot inspect " + socket + ": " + e);
        }
        if (attrs.isSymbolicLink()) {
            return new NotSent(socket + " is a symlink; only the instance's own socket is used");
        }
        if (!attrs.isOther()) {
            return new NotSent(socket + " is not a socket");
        }
        QmpConnection c;
        try {
            c = QmpConnection.open(socket, deadlineNanos);
        } catch (QmpException e) {
            return new NotSent("QMP on " + QMP_SOCKET + " failed: " + e.getMessage());
        }
        try {
            c.execute("system_powerdown", deadlineNanos);
            return new Sent(c);
        } catch (QmpException e) {
            c.close();
            return new NotSent("QMP on " + QMP_SOCKET + " failed: " + e.getMessage());
        }
    }

    /**
     * How QEMU's run ended, from the events on the kept connection.
     *
     * @param guestPoweredOff true if the guest powered off
     * @param account what the events show, in words
     */
    public record Ending(boolean guestPoweredOff, String account) {
    }

    /**
     * After QEMU exited: what its {@code SHUTDOWN} event on the kept connection says. QEMU
     * sends it before a clean exit, with {@code "guest": true} when the guest powered off;
     * a signal to QEMU gives {@code "guest": false} ({@code host-signal}); a kill gives none.
     *
     * @param connection the connection kept from {@link Sent}
     * @return how the run ended
     */
    public static Ending ending(QmpConnection connection) {
        for (Map<String, Object> event : connection.drainEvents()) {
            if (!"SHUTDOWN".equals(event.get("event"))) {
                continue;
            }
            String reason = JsonLine.at(event, "data", "reason").map(String::valueOf).orElse("not given");
            if (JsonLine.at(event, "data", "guest").map(Boolean.TRUE::equals).orElse(false)) {
                return new Ending(true, "the guest powered off (QMP SHUTDOWN event from the guest, reason "
                        + reason + ")");
            }
            return new Ending(false, "QEMU reported a shutdown the guest did not initiate (reason " + reason
                    + "): something else ended it");
        }
        return new Ending(false, "QEMU sent no SHUTDOWN event before it exited: it was killed or crashed,"
                + " not powered off by the guest");
    }
}
