// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code wsl.exe} to run and where that choice came from, so that a failure to start it
 * can say what to change.
 *
 * @param program the path or name handed to the operating system
 * @param source how it was chosen, in words
 */
record WslExecutable(String program, String source) {

    /** The system property that names {@code wsl.exe} when the extension's settings do not. */
    static final String PROPERTY = "lifecycle.wsl.exe";
    /** The program searched on the PATH when nothing is configured. */
    static final String DEFAULT_PROGRAM = "wsl.exe";

    /** Validates that nothing is null. */
    WslExecutable {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Resolves the program: the extension setting {@value Wsl2VmTypeExtension#EXECUTABLE_SETTING}
     * if given, else the system property {@value #PROPERTY}, else {@code wsl.exe} on the PATH.
     *
     * @param settings the extension's settings from the host app
     * @return the program to run
     */
    static WslExecutable resolve(Map<String, String> settings) {
        return resolve(settings, Optional.ofNullable(System.getProperty(PROPERTY)));
    }

    /**
     * As {@link #resolve(Map)}, with the system property's value given.
     *
     * @param settings the extension's settings from the host app
     * @param property the value of {@value #PROPERTY}, if set
     * @return the program to run
     */
    static WslExecutable resolve(Map<String, String> settings, Optional<String> property) {
        Optional<String> setting = nonBlank(Optional.ofNullable(settings.get(Wsl2VmTypeExtension.EXECUTABLE_SETTING)));
        if (setting.isPresent()) {
            return new WslExecutable(setting.get(), "from the extension setting "
                    + Wsl2VmTypeExtension.ID + "." + Wsl2VmTypeExtension.EXECUTABLE_SETTING);
        }
        Optional<String> configured = nonBlank(property);
        if (configured.isPresent()) {
            return new WslExecutable(configured.get(), "from the system property " + PROPERTY);
        }
        return new WslExecutable(DEFAULT_PROGRAM, "searched on the PATH");
    }

    /**
     * What to say when this program could not be started.
     *
     * @param purpose what it was started for, e.g. {@code stop distro lima-x}
     * @param failure the runner's reason
     * @return the message, saying how to point the extension at {@code wsl.exe}
     */
    String cannotStart(String purpose, String failure) {
        return "could not start wsl.exe '" + program + "' (" + source + ") to " + purpose + ": " + failure
                + ". Give the " + Wsl2VmTypeExtension.ID + " extension the setting "
                + Wsl2VmTypeExtension.EXECUTABLE_SETTING + " (InstanceStoppers.builder().extensionSettings, or"
                + " LimaHome.withExtensionSettings for listing), or set the system property -D" + PROPERTY
                + ", to the full path of wsl.exe (normally C:\\Windows\\System32\\wsl.exe)";
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::strip).filter(p -> !p.isEmpty());
    }
}
