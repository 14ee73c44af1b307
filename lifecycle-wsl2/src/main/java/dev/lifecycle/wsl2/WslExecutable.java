package dev.lifecycle.wsl2;

import dev.lifecycle.api.StopOptions;
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

    /** The system property that names {@code wsl.exe} when the stop options do not. */
    static final String PROPERTY = "lifecycle.wsl.exe";
    /** The program searched on the PATH when nothing is configured. */
    static final String DEFAULT_PROGRAM = "wsl.exe";

    /** Validates that nothing is null. */
    WslExecutable {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Resolves the program: {@link StopOptions#wslExecutable()} if set, else the system
     * property {@value #PROPERTY}, else {@code wsl.exe} on the PATH.
     *
     * @param options the stop's options
     * @return the program to run
     */
    static WslExecutable resolve(StopOptions options) {
        return resolve(options, Optional.ofNullable(System.getProperty(PROPERTY)));
    }

    /**
     * As {@link #resolve(StopOptions)}, with the system property's value given.
     *
     * @param options the stop's options
     * @param property the value of {@value #PROPERTY}, if set
     * @return the program to run
     */
    static WslExecutable resolve(StopOptions options, Optional<String> property) {
        if (options.wslExecutable().isPresent()) {
            return new WslExecutable(options.wslExecutable().get().toString(), "from StopOptions.wslExecutable");
        }
        Optional<String> configured = property.map(String::strip).filter(p -> !p.isEmpty());
        if (configured.isPresent()) {
            return new WslExecutable(configured.get(), "from the system property " + PROPERTY);
        }
        return new WslExecutable(DEFAULT_PROGRAM, "searched on the PATH");
    }
}
