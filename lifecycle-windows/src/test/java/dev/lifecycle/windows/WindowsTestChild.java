// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Wincon;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.ProcessRole;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.windows.helper.Kernel32Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in agent (or host) for the Windows integration tests, started as its own process by
 * {@link WindowsChild}: {@code WindowsTestChild <mode> <marker-dir> [argument...]}. It writes
 * {@code ready} in the marker directory once it listens, and other markers for what it
 * received. Every mode gives up after two minutes so that nothing outlives a test run.
 *
 * <ul>
 *   <li>{@code handle} — on Ctrl+Break writes {@code break} and exits 0;</li>
 *   <li>{@code ignore} — on any console event writes {@code break-ignored} and goes on;</li>
 *   <li>{@code plain} — installs nothing and sleeps;</li>
 *   <li>{@code event} — creates the named event (name with {@code {pid}} for its PID), and
 *       when it is set writes {@code event} and exits 0;</li>
 *   <li>{@code hold-event} — creates the named event (the exact name) and only holds it;</li>
 *   <li>{@code group} — starts a member of its own process group ({@code handle} mode, marker
 *       directory {@code member}), then behaves as {@code handle};</li>
 *   <li>{@code host} — a host app without a console: finds the process {@code <pid>} started at
 *       {@code <instant>} with the discovered provider, interrupts it, and writes the result
 *       ({@code STATUS detail}) to {@code result}.</li>
 * </ul>
 */
public final class WindowsTestChild {

    private static final long LIFETIME_MS = 120_000;
    private static final CountDownLatch BREAK = new CountDownLatch(1);
    /** Strongly held: the OS calls it on its own thread for the life of the process. */
    private static Kernel32Console.HandlerRoutine handler;

    private WindowsTestChild() {
    }

    /**
     * @param args mode, marker directory, and the mode's arguments
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        try {
            System.exit(run(args[0], dir, args));
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            try {
                Files.writeString(dir.resolve("error"), trace.toString(), StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // nothing left to report with
            }
            System.exit(4);
        }
    }

    private static int run(String mode, Path dir, String[] args) throws Exception {
        switch (mode) {
            case "handle": {
                install(type -> {
                    if (type == Wincon.CTRL_BREAK_EVENT) {
                        mark(dir, "break");
                        BREAK.countDown();
                    }
                    return true;
                });
                mark(dir, "ready");
                return BREAK.await(LIFETIME_MS, TimeUnit.MILLISECONDS) ? 0 : 3;
            }
            case "ignore": {
                install(type -> {
                    mark(dir, "break-ignored");
                    return true;
                });
                mark(dir, "ready");
                Thread.sleep(LIFETIME_MS);
                return 3;
            }
            case "plain": {
                mark(dir, "ready");
                Thread.sleep(LIFETIME_MS);
                return 3;
            }
            case "event": {
                String name = args[2].replace("{pid}", Long.toString(ProcessHandle.current().pid()));
                WinNT.HANDLE event = Kernel32.INSTANCE.CreateEvent(null, true, false, name);
                if (event == null) {
                    throw new IllegalStateException("CreateEvent " + name + " failed: "
                            + Kernel32.INSTANCE.GetLastError());
                }
                mark(dir, "ready");
                if (Kernel32.INSTANCE.WaitForSingleObject(event, (int) LIFETIME_MS) == WinBase.WAIT_OBJECT_0) {
                    mark(dir, "event");
                    return 0;
                }
                return 3;
            }
            case "hold-event": {
                WinNT.HANDLE event = Kernel32.INSTANCE.CreateEvent(null, true, false, args[2]);
                if (event == null) {
                    throw new IllegalStateException("CreateEvent " + args[2] + " failed: "
                            + Kernel32.INSTANCE.GetLastError());
                }
                mark(dir, "ready");
                Thread.sleep(LIFETIME_MS);
                return 3;
            }
            case "group": {
                Path memberDir = Files.createDirectories(dir.resolve("member"));
                Process member = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xrs",
                        "-cp", System.getProperty("java.class.path"), WindowsTestChild.class.getName(), "handle",
                        memberDir.toString()).inheritIO().start();
                Files.writeString(dir.resolve("member.pid"), Long.toString(member.pid()));
                long deadline = System.currentTimeMillis() + LIFETIME_MS;
                while (!Files.exists(memberDir.resolve("ready")) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                return run("handle", dir, args);
            }
            case "host": {
                ProcessControl control = new WindowsProcessControl();
                ProcessLookup lookup = control.find(ProcessRef.started(Long.parseLong(args[2]), Instant.parse(args[3])));
                String result;
                if (lookup instanceof ProcessLookup.Found found) {
                    SignalResult r = found.target().interrupt(new InterruptRequest("headless", ProcessRole.HOST_AGENT,
                            Duration.ofSeconds(60)));
                    result = r.status() + " " + r.detail();
                    found.target().close();
                } else {
                    result = "LOOKUP " + lookup;
                }
                Files.writeString(dir.resolve("result.tmp"), result, StandardCharsets.UTF_8);
                Files.move(dir.resolve("result.tmp"), dir.resolve("result"));
                mark(dir, "ready");
                return 0;
            }
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void install(Kernel32Console.HandlerRoutine routine) {
        handler = routine;
        if (!Kernel32Console.INSTANCE.SetConsoleCtrlHandler(handler, true)) {
            throw new IllegalStateException("SetConsoleCtrlHandler failed: " + Kernel32.INSTANCE.GetLastError());
        }
    }

    private static void mark(Path dir, String name) {
        try {
            Files.createFile(dir.resolve(name));
        } catch (FileAlreadyExistsException e) {
            // a repeated event: the marker already says it
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
