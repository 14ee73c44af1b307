// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.LimaHome;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --wsl-exe} option shared by {@code list} (which asks {@code wsl.exe} for a WSL2
 * distro's state) and {@code stop} (which also terminates the distro). It becomes the WSL2
 * extension's setting, whose id and name are documented on {@code Wsl2VmTypeExtension} and
 * written out here because the CLI, like any host app, compiles against the API and the core only.
 */
public final class WslExeOption {

    /** The WSL2 extension's id. */
    static final String WSL2_EXTENSION = "wsl2";
    /** Its setting that names the {@code wsl.exe} to run. */
    static final String WSL2_EXECUTABLE = "executable";

    @Option(names = "--wsl-exe", paramLabel = "PATH",
            description = "The wsl.exe to use for WSL2 instances. Default: wsl.exe on the PATH.")
    private Path wslExe;

    /** @return the {@code wsl.exe} the user named, if any */
    Optional<Path> path() {
        return Optional.ofNullable(wslExe);
    }

    /**
     * @param home a Lima home
     * @return it, reading WSL2 distros' states with the named {@code wsl.exe}, if one was named
     */
    LimaHome applyTo(LimaHome home) {
        return wslExe == null ? home : home.withExtensionSettings(WSL2_EXTENSION, settings(wslExe));
    }

    /**
     * @param builder a stopper's builder
     * @return it, terminating WSL2 distros with the named {@code wsl.exe}, if one was named
     */
    InstanceStoppers.Builder applyTo(InstanceStoppers.Builder builder) {
        return wslExe == null ? builder : builder.extensionSettings(WSL2_EXTENSION, settings(wslExe));
    }

    private static Map<String, String> settings(Path exe) {
        return Map.of(WSL2_EXECUTABLE, exe.toString());
    }
}
