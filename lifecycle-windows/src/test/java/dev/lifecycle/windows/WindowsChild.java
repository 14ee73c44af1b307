// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinUser;
import dev.lifecycle.windows.helper.Kernel32Console;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link WindowsTestChild} started with {@code CreateProcessW} and creation flags that
 * {@link ProcessBuilder} cannot set ({@code CREATE_NEW_PROCESS_GROUP}, {@code
 * CREATE_NEW_CONSOLE}, {@code DETACHED_PROCESS}). The test keeps a handle on it, so its PID
 * stays reserved until {@link #close()}, which also terminates it if it still runs.
 */
final class WindowsChild implements AutoCloseable {

    /** Own process group, sharing the test JVM's console. */
    static final int NEW_GROUP = WinBase.CREATE_NEW_PROCESS_GROUP;
    /** Own process group and own (hidden) console. */
    static final int NEW_GROUP_NEW_CONSOLE = WinBase.CREATE_NEW_PROCESS_GROUP | WinBase.CREATE_NEW_CONSOLE;
    /** Own process group and no console at all. */
    static final int NEW_GROUP_NO_CONSOLE = WinBase.CREATE_NEW_PROCESS_GROUP | WinBase.DETACHED_PROCESS;
    /** Own (hidden) console but the test JVM's process group: not a group root. */
    static final int NEW_CONSOLE_ONLY = WinBase.CREATE_NEW_CONSOLE;
    /** No console, the test JVM's process group: a host app run as a service would be so. */
    static final int NO_CONSOLE = WinBase.DETACHED_PROCESS;

    private final long pid;
    private final WinNT.HANDLE process;
    private final Path markers;

    private WindowsChild(long pid, WinNT.HANDLE process, Path markers) {
        this.pid = pid;
        this.process = process;
        this.markers = markers;
    }

    /**
     * @param flags creation flags
     * @param markers the child's marker directory
     * @param args the mode and, for {@code event}, the pattern
     * @return the started child
     */
    static WindowsChild start(int flags, Path markers, String... args) {
        StringBuilder line = new StringBuilder();
        line.append(quote(Path.of(System.getProperty("java.home"), "bin", "java.exe").toString()));
        line.append(" -Xrs -XX:+UseSerialGC -Xmx32m -cp ").append(quote(classPath()));
        line.append(' ').append(WindowsTestChild.class.getName());
        line.append(' ').append(args[0]).append(' ').append(quote(markers.toString()));
        for (int i = 1; i < args.length; i++) {
            line.append(' ').append(quote(args[i]));
        }
        WinBase.STARTUPINFO startup = new WinBase.STARTUPINFO();
        startup.dwFlags = WinBase.STARTF_USESHOWWINDOW;
        startup.wShowWindow = new WinDef.WORD(WinUser.SW_HIDE);
        WinBase.PROCESS_INFORMATION info = new WinBase.PROCESS_INFORMATION();
        if (!Kernel32.INSTANCE.CreateProcessW(null, Native.toCharArray(line.toString()), null, null, false,
                new WinDef.DWORD(flags), null, null, startup, info)) {
            throw new IllegalStateException("CreateProcessW failed (error " + Native.getLastError() + "): " + line);
        }
        Kernel32.INSTANCE.CloseHandle(info.hThread);
        return new WindowsChild(info.dwProcessId.longValue(), info.hProcess, markers);
    }

    long pid() {
        return pid;
    }

    /**
     * @param name a file the child wrote
     * @return its content
     */
    String read(String name) throws java.io.IOException {
        return Files.readString(markers.resolve(name));
    }

    /** @return the start instant the JDK reads for it (the evidence a host app would record) */
    Instant startInstant() {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                .orElseThrow(() -> new IllegalStateException("no start instant for PID " + pid));
    }

    /**
     * Waits for a marker file the child writes.
     *
     * @return true if it appeared within the limit
     */
    boolean awaitMarker(String name, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(markers.resolve(name))) {
            if (Files.exists(markers.resolve("error")) || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    boolean hasMarker(String name) {
        return Files.exists(markers.resolve(name));
    }

    /** @return what the child wrote when it failed, for assertion messages */
    String error() {
        try {
            Path error = markers.resolve("error");
            return Files.exists(error) ? Files.readString(error) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        Kernel32.INSTANCE.TerminateProcess(process, 9);
        Kernel32.INSTANCE.WaitForSingleObject(process, 10_000);
        Kernel32.INSTANCE.CloseHandle(process);
    }

    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(WindowsTestChild.class, Kernel32Console.class, Native.class, Kernel32.class,
                dev.lifecycle.spi.ProcessControl.class, org.slf4j.LoggerFactory.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String quote(String arg) {
        return "\"" + arg + "\"";
    }
}
