// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcStat;
import dev.lifecycle.unix.jna.LinuxNative;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The Linux probe, run once per JVM on first use and kept with its cause (in the manner of
 * Netty's {@code Epoll.unavailabilityCause()}): is this Linux, does JNA load libc, is
 * procfs there and ours, do pidfds work.
 */
final class LinuxPlatform {

    private static final class Shared {
        static final LinuxPlatform INSTANCE = probe(System.getProperty("os.name", ""), ProcStat.PROC);
    }

    private final Availability availability;
    private final Optional<LinuxNative> linux;
    private final Optional<LinuxProcessInspector> inspector;
    private final Optional<String> noPidfdReason;

    private LinuxPlatform(Availability availability, LinuxNative linux, LinuxProcessInspector inspector,
                          Optional<String> noPidfdReason) {
        this.availability = availability;
        this.linux = Optional.ofNullable(linux);
        this.inspector = Optional.ofNullable(inspector);
        this.noPidfdReason = noPidfdReason;
    }

    private static LinuxPlatform unavailable(String cause) {
        return new LinuxPlatform(Availability.unavailable(cause), null, null, Optional.of(cause));
    }

    /** @return the JVM-wide probe result */
    static LinuxPlatform get() {
        return Shared.INSTANCE;
    }

    /**
     * Probes afresh; never throws.
     *
     * @param osName the {@code os.name} to judge
     * @param procRoot where procfs is mounted
     * @return the result
     */
    static LinuxPlatform probe(String osName, Path procRoot) {
        HostOs os = HostOs.of(osName);
        if (os != HostOs.LINUX) {
            return unavailable("process control 'linux' runs on Linux only, and this is " + osName
                    + (os == HostOs.MACOS ? " (the 'macos' provider of lifecycle-unix serves it)" : ""));
        }
        LinuxNative linux;
        try {
            linux = LinuxNative.load();
        } catch (LinkageError | RuntimeException e) {
            return unavailable(NativeLoadFailures.cause("libc", e));
        }
        LinuxBootClock clock;
        try {
            long hz = linux.clockTicksPerSecond();
            linux.bootTimeNanos();
            clock = new LinuxBootClock(hz, linux::bootTimeNanos, Instant::now);
        } catch (RuntimeException e) {
            return unavailable("cannot read the clocks process start times are based on: " + e.getMessage());
        }
        Path selfStat = procRoot.resolve("self").resolve("stat");
        try {
            ProcStat self = ProcStat.parse(new String(Files.readAllBytes(selfStat), StandardCharsets.ISO_8859_1));
            long pid = ProcessHandle.current().pid();
            if (self.pid() != pid) {
                return unavailable("the procfs at " + procRoot + " belongs to another PID namespace (it calls this"
                        + " process " + self.pid() + ", the JVM says " + pid + "): mount this namespace's procfs there");
            }
        } catch (Exception e) {
            return unavailable("cannot read " + selfStat + " (" + e + "): process start times come from procfs;"
                    + " mount it with 'mount -t proc proc " + procRoot + "'");
        }
        Optional<String> noPidfd;
        try {
            noPidfd = linux.pidfdUnsupportedReason();
        } catch (RuntimeException e) {
            noPidfd = Optional.of("probing pidfd_open failed: " + e);
        }
        return new LinuxPlatform(Availability.ok(), linux, new LinuxProcessInspector(procRoot, linux, clock), noPidfd);
    }

    /** @return whether the Linux provider works here, and why not */
    Availability availability() {
        return availability;
    }

    /** @return the native calls, when available */
    LinuxNative linux() {
        return linux.orElseThrow(() -> new IllegalStateException(availability.cause().orElse("unavailable")));
    }

    /** @return the procfs inspector, when available */
    LinuxProcessInspector inspector() {
        return inspector.orElseThrow(() -> new IllegalStateException(availability.cause().orElse("unavailable")));
    }

    /** @return empty if pidfds work here, else why not */
    Optional<String> noPidfdReason() {
        return noPidfdReason;
    }
}
