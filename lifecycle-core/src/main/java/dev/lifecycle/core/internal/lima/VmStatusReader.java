// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.Instance;
import dev.lifecycle.core.internal.discovery.VmTypeExtensions;
import dev.lifecycle.spi.CommandContext;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.VmStatus;
import dev.lifecycle.spi.VmTypeExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks an instance's VM-type extension what its tool says about the VM
 * ({@link VmTypeExtension#status}), for listing. An extension that throws or returns
 * nonsense is {@link VmStatus.State#UNKNOWN}: a broken extension must never make a VM that
 * may run read as stopped.
 */
public final class VmStatusReader {

    /** What the reader found out. */
    public sealed interface Answer {
        /** No extension handles the VM type. */
        record NoExtension() implements Answer {
        }

        /**
         * The extension reads no state: the PID files decide.
         *
         * @param extension its id
         */
        record NotReported(String extension) implements Answer {
        }

        /**
         * The extension's answer.
         *
         * @param extension its id
         * @param status what its tool says
         */
        record Reported(String extension, VmStatus status) implements Answer {
        }
    }

    private final VmTypeExtensions extensions;
    private final CommandRunner commands;
    private final Duration commandTimeout;

    /**
     * @param extensions the extensions and their settings
     * @param commands the bounded runner extensions run their tools through
     * @param commandTimeout the limit for each command
     */
    public VmStatusReader(VmTypeExtensions extensions, CommandRunner commands, Duration commandTimeout) {
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /**
     * @param instance the instance
     * @return what its VM-type extension says, never an exception
     */
    Answer read(Instance instance) {
        Optional<VmTypeExtension> found = extensions.forVmType(instance.vmType());
        if (found.isEmpty()) {
            return new Answer.NoExtension();
        }
        VmTypeExtension extension = found.get();
        Context context = new Context(extensions.settingsOf(extension), commands, commandTimeout);
        Optional<VmStatus> status;
        try {
            status = extension.status(instance, context);
        } catch (RuntimeException e) {
            return new Answer.Reported(extension.id(), new VmStatus(VmStatus.State.UNKNOWN, "VM-type extension '"
                    + extension.id() + "' failed to read the VM's state: " + e));
        }
        if (status == null) {
            return new Answer.Reported(extension.id(), new VmStatus(VmStatus.State.UNKNOWN, "VM-type extension '"
                    + extension.id() + "' returned null for the VM's state"));
        }
        return status.<Answer>map(s -> new Answer.Reported(extension.id(), s))
                .orElseGet(() -> new Answer.NotReported(extension.id()));
    }

    /** The context of one status call. */
    private record Context(Map<String, String> settings, CommandRunner commands, Duration commandTimeout)
            implements CommandContext {
    }
}
