// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.internal.discovery.TolerantServiceLoader;
import dev.lifecycle.core.internal.stop.DefaultInstanceStopper;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.VmTypeExtension;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates {@link InstanceStopper}s. {@link #create()} uses the discovered
 * {@link ProcessControl} and every {@link VmTypeExtension} on the class path; the
 * {@link #builder()} lets a host app add a {@link StopListener}, give an extension its
 * settings, or choose the pieces.
 *
 * <pre>{@code
 * InstanceStopper stopper = InstanceStoppers.builder()
 *         .listener(progress::show)
 *         .extensionSettings("wsl2", Map.of("executable", "C:\\Windows\\System32\\wsl.exe"))
 *         .build();
 * StopReport report = stopper.stop(instance, StopOptions.defaults());
 * }</pre>
 */
public final class InstanceStoppers {

    private InstanceStoppers() {
    }

    /**
     * A stopper with the discovered provider, all discovered extensions and no listener.
     *
     * @return the stopper
     * @throws IllegalStateException if no process provider is usable (the message names the artifact to add)
     */
    public static InstanceStopper create() {
        return builder().build();
    }

    /**
     * Stops the given instances, and any added later, when the JVM exits: one shutdown hook
     * stops them all at once within {@code bound}, with a stopper of the discovered provider
     * and extensions. For a daemon that starts Lima instances and must not leave them
     * running when it is stopped. See {@link StopOnExit}.
     *
     * @param instances the instances to stop on exit (more can be added to the handle)
     * @param options how to stop; the grace period is shortened to {@code bound} less the
     *     kill timeout if it is longer, so that the forced stop fits in the bound
     * @param bound the longest the hook may hold up the JVM's exit
     * @return the handle, to add and remove instances or unregister the hook
     * @throws IllegalArgumentException if the bound is not above zero or longer than
     *     {@link StopOptions#MAX_DURATION}
     * @throws IllegalStateException if no process provider is usable, or the JVM is already exiting
     */
    public static StopOnExit stopOnExit(Collection<Instance> instances, StopOptions options, Duration bound) {
        return stopOnExit(create(), instances, options, bound);
    }

    /**
     * As {@link #stopOnExit(Collection, StopOptions, Duration)}, with a stopper of the host
     * app's (its listener sees the steps as they happen).
     *
     * @param stopper the stopper to stop with
     * @param instances the instances to stop on exit
     * @param options how to stop; the grace period is shortened to {@code bound} less the kill timeout
     * @param bound the longest the hook may hold up the JVM's exit
     * @return the handle
     * @throws IllegalArgumentException if the bound is not above zero or longer than {@link StopOptions#MAX_DURATION}
     * @throws IllegalStateException if the JVM is already exiting
     */
    public static StopOnExit stopOnExit(InstanceStopper stopper, Collection<Instance> instances, StopOptions options,
                                        Duration bound) {
        return StopOnExit.register(stopper, instances, options, bound);
    }

    /** @return a builder with the discovered defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds every {@link VmTypeExtension} on a class loader; one that fails to load is
     * logged and skipped.
     *
     * @param loader where to look
     * @return the extensions, in discovery order
     */
    public static List<VmTypeExtension> discoverExtensions(ClassLoader loader) {
        return List.copyOf(TolerantServiceLoader.load(VmTypeExtension.class, loader));
    }

    /** Builds an {@link InstanceStopper}; not thread-safe, the stopper it builds is. */
    public static final class Builder {
        private ProcessControl processControl;
        private List<VmTypeExtension> extensions;
        private final Map<String, Map<String, String>> extensionSettings = new HashMap<>();
        private CommandRunner commandRunner;
        private StopListener listener = StopListener.NONE;
        private Supplier<Optional<StartAtLogin>> startAtLogin = StartAtLogin::forCurrentUser;

        private Builder() {
        }

        /**
         * @param processControl the provider to use instead of the discovered one
         * @return this builder
         */
        public Builder processControl(ProcessControl processControl) {
            this.processControl = Objects.requireNonNull(processControl, "processControl");
            return this;
        }

        /**
         * @param extensions the VM-type extensions to use instead of the discovered ones
         * @return this builder
         */
        public Builder extensions(List<VmTypeExtension> extensions) {
            this.extensions = List.copyOf(extensions);
            return this;
        }

        /**
         * Gives one VM-type extension its settings, which the core passes to it unread
         * ({@link dev.lifecycle.spi.ExtensionContext#settings()}); each extension documents
         * the names it reads. The WSL2 extension (id {@code wsl2}) reads {@code executable},
         * the {@code wsl.exe} to run. A second call for the same id replaces the first.
         *
         * @param extensionId the extension's {@link VmTypeExtension#id()}, such as {@code wsl2}
         * @param settings its settings by name
         * @return this builder
         * @throws IllegalArgumentException if the id is blank
         */
        public Builder extensionSettings(String extensionId, Map<String, String> settings) {
            Objects.requireNonNull(extensionId, "extensionId");
            if (extensionId.isBlank()) {
                throw new IllegalArgumentException("extensionId is blank: give the extension's id, such as wsl2");
            }
            extensionSettings.put(extensionId, Map.copyOf(settings));
            return this;
        }

        /**
         * @param commandRunner the runner extensions use for external commands
         * @return this builder
         */
        public Builder commandRunner(CommandRunner commandRunner) {
            this.commandRunner = Objects.requireNonNull(commandRunner, "commandRunner");
            return this;
        }

        /**
         * @param listener receives a live event for every step of every stop
         * @return this builder
         */
        public Builder listener(StopListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param startAtLogin the service manager that starts instances at login, instead of
         *     {@link StartAtLogin#forCurrentUser()}: an instance it manages is stopped through it
         *     before anything is signalled
         * @return this builder
         */
        public Builder startAtLogin(StartAtLogin startAtLogin) {
            Optional<StartAtLogin> chosen = Optional.of(Objects.requireNonNull(startAtLogin, "startAtLogin"));
            this.startAtLogin = () -> chosen;
            return this;
        }

        /**
         * Never asks a service manager: instances started at login are stopped like the others
         * (and systemd may start them again).
         *
         * @return this builder
         */
        public Builder withoutStartAtLogin() {
            this.startAtLogin = Optional::empty;
            return this;
        }

        /**
         * @return the stopper
         * @throws IllegalStateException if no process provider is usable
         */
        public InstanceStopper build() {
            ClassLoader loader = InstanceStoppers.class.getClassLoader();
            // A provider the host app chose is its choice: only discovery's fallback is degraded.
            return new DefaultInstanceStopper(
                    processControl != null ? processControl : ProcessControls.selected(),
                    processControl != null ? Optional.empty() : ProcessControls.degradation(),
                    extensions != null ? extensions : discoverExtensions(loader),
                    extensionSettings,
                    commandRunner != null ? commandRunner : new BoundedCommandRunner(),
                    listener,
                    startAtLogin.get());
        }
    }
}
