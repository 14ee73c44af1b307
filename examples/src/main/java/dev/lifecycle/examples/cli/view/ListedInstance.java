// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.core.LimaInstance;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One instance as {@code limactl list} shows it (Lima's {@code store.FormatData}: its
 * {@code Instance} plus the host fields), filled as far as the instance directory and the
 * library's reader tell. A value the reader does not provide holds what limactl holds when
 * it does not know it: {@code 0} for CPUs, memory, disk and the SSH port, {@code ""} for
 * the architecture and the message; the Lima version is the instance's {@code lima-version}, or
 * {@code ""} when it has none.
 *
 * @param name the instance name
 * @param hostname {@code lima-<name>}, dots and underscores as dashes (Lima's {@code hostname.FromInstName})
 * @param status {@code Running}, {@code Stopped} or {@code Broken}
 * @param dir the instance directory
 * @param vmType the VM type's id
 * @param arch the guest architecture ({@code ""}: unknown)
 * @param cpus the CPUs ({@code 0}: unknown)
 * @param memory the memory in bytes ({@code 0}: unknown)
 * @param disk the disk size in bytes ({@code 0}: unknown)
 * @param message the instance's message ({@code ""}: none)
 * @param additionalDisks the additional disks' names
 * @param sshLocalPort the forwarded SSH port ({@code 0}: unknown)
 * @param sshConfigFile {@code <dir>/ssh.config}
 * @param hostAgentPid the host agent's PID while the instance is not Stopped, else {@code 0}
 * @param driverPid the driver's PID while the instance is not Stopped, else {@code 0}
 * @param errors the problems of a Broken instance
 * @param sshAddress {@code 127.0.0.1}
 * @param isProtected whether the instance is protected against deletion (the {@code protected} file)
 * @param limaVersion the Lima version that created it ({@code ""}: unknown)
 * @param hostOs the host OS as Go names it ({@code linux}, {@code darwin}, {@code windows})
 * @param hostArch the host architecture as Lima names it ({@code x86_64}, {@code aarch64}, ...)
 * @param limaHome the Lima home
 * @param identityFile {@code <limaHome>/_config/user}, the SSH key limactl uses
 */
public record ListedInstance(String name, String hostname, String status, String dir, String vmType, String arch,
                             int cpus, long memory, long disk, String message, List<String> additionalDisks,
                             int sshLocalPort, String sshConfigFile, long hostAgentPid, long driverPid,
                             List<String> errors, String sshAddress, boolean isProtected, String limaVersion,
                             String hostOs, String hostArch, String limaHome, String identityFile) {

    /** Validates and copies. */
    public ListedInstance {
        Objects.requireNonNull(name, "name");
        additionalDisks = List.copyOf(additionalDisks);
        errors = List.copyOf(errors);
    }

    /**
     * @param found an instance read by {@code LimaHome}
     * @return what {@code limactl list} would show of it, as far as the reader tells
     */
    public static ListedInstance of(LimaInstance found) {
        Instance i = found.instance();
        Path dir = i.directory();
        // limactl reports a PID only while its process runs (it reads 0 for a dead one).
        boolean stopped = found.status() == InstanceStatus.STOPPED;
        return new ListedInstance(i.name(), hostname(i.name()), statusName(found.status()), dir.toString(),
                i.vmType().id(), "", 0, 0, 0, "", i.additionalDisks(), 0, dir.resolve("ssh.config").toString(),
                stopped ? 0 : i.hostAgent().map(ProcessRef::pid).orElse(0L),
                stopped ? 0 : i.driver().map(ProcessRef::pid).orElse(0L),
                found.problems(), "127.0.0.1", Files.exists(dir.resolve("protected"), LinkOption.NOFOLLOW_LINKS),
                i.limaVersion().orElse(""),
                hostOs(HostOs.current()), hostArch(System.getProperty("os.arch")), i.limaHome().toString(),
                i.limaHome().resolve("_config").resolve("user").toString());
    }

    /**
     * @param status a status
     * @return Lima's spelling: {@code Running}, {@code Stopped}, {@code Broken}
     */
    public static String statusName(InstanceStatus status) {
        String s = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Lima's {@code hostname.FromInstName}. */
    static String hostname(String name) {
        return "lima-" + name.replace('.', '-').replace('_', '-');
    }

    /** Go's {@code runtime.GOOS}. */
    static String hostOs(HostOs os) {
        return switch (os) {
            case LINUX -> "linux";
            case MACOS -> "darwin";
            case WINDOWS -> "windows";
            case OTHER -> System.getProperty("os.name", "").toLowerCase(Locale.ROOT).replace(" ", "");
        };
    }

    /** Lima's {@code limatype.NewArch(runtime.GOARCH)}, from Java's {@code os.arch}. */
    static String hostArch(String osArch) {
        String a = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "arm" -> "armv7l";
            default -> a;
        };
    }
}
