// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck.reference;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.CommandContext;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.ExtensionContext;
import dev.lifecycle.spi.VmStatus;
import dev.lifecycle.spi.VmTypeExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A correct extension for an imaginary VM type {@code kitvm}, stopped by the tool
 * {@code kitvm-ctl stop <name>}, its state read by {@code kitvm-ctl state <name>}. Its
 * protected methods are the seams the broken variants use. Stateless: one instance serves
 * concurrent stops.
 */
public class ReferenceVmTypeExtension implements VmTypeExtension {

    /** The VM type this extension handles. */
    public static final VmType KITVM = VmType.of("kitvm");

    @Override
    public String id() {
        return "kitvm";
    }

    @Override
    public boolean supports(VmType vmType) {
        return KITVM.equals(vmType);
    }

    @Override
    public StepResult stopVm(Instance instance, ExtensionContext context) {
        return stop("stop-kitvm", instance, context(context));
    }

    @Override
    public StepResult ensureVmStopped(Instance instance, ExtensionContext context) {
        return stop("confirm-kitvm-stopped", instance, context(context));
    }

    @Override
    public Optional<VmStatus> status(Instance instance, CommandContext context) {
        List<String> command = List.of("kitvm-ctl", "state", instance.name());
        CommandResult r = context.commands().run(command, Map.of(), timeout(context));
        String said = new String(r.stdout(), StandardCharsets.UTF_8).strip();
        return Optional.of(new VmStatus(state(r, said), command + " " + r.status()
                + (r.failure().isEmpty() ? "" : " (" + r.failure() + ")") + (said.isEmpty() ? "" : ": " + said)));
    }

    /** @return the state a command result means */
    protected VmStatus.State state(CommandResult r, String said) {
        if (r.status() != CommandResult.Status.COMPLETED || r.exitCode() != 0) {
            return VmStatus.State.UNKNOWN;
        }
        switch (said) {
            case "running":
                return VmStatus.State.RUNNING;
            case "stopped":
                return VmStatus.State.STOPPED;
            default:
                return VmStatus.State.UNKNOWN;
        }
    }

    private StepResult stop(String step, Instance instance, ExtensionContext context) {
        List<String> command = List.of("kitvm-ctl", "stop", instance.name());
        // What happens inside the step; the core publishes the step's own completion or failure.
        context.event(StopEvent.Type.KILL_SENT, step, message(instance, "stopping the VM with " + command));
        CommandResult r = context.commands().run(command, Map.of(), timeout(context));
        // The instance is in the report and in every event already: the message says what happened.
        String message = message(instance, command + " " + r.status()
                + (r.failure().isEmpty() ? "" : " (" + r.failure() + ")"));
        return StepResult.of(step, status(r), r.elapsed(), message);
    }

    /** @return the context the stop reports through: the one it was handed */
    protected ExtensionContext context(ExtensionContext given) {
        return given;
    }

    /** @return the message of a step or event: what happened, and nothing else */
    protected String message(Instance instance, String whatHappened) {
        return whatHappened;
    }

    /** @return the timeout of every command */
    protected Duration timeout(CommandContext context) {
        return context.commandTimeout();
    }

    /** @return the step status a command result means */
    protected StepStatus status(CommandResult r) {
        switch (r.status()) {
            case COMPLETED:
                return r.exitCode() == 0 ? StepStatus.SUCCEEDED : StepStatus.FAILED;
            case TIMED_OUT:
                return StepStatus.TIMED_OUT;
            default:
                return StepStatus.FAILED;
        }
    }

    /** Says the VM stopped whatever the tool did. */
    public static final class Optimistic extends ReferenceVmTypeExtension {
        @Override
        protected StepStatus status(CommandResult r) {
            return StepStatus.SUCCEEDED;
        }

        @Override
        protected VmStatus.State state(CommandResult r, String said) {
            return VmStatus.State.STOPPED;
        }
    }

    /** Gives its tool an hour, whatever the stop's command timeout. */
    public static final class Unbounded extends ReferenceVmTypeExtension {
        @Override
        protected Duration timeout(CommandContext context) {
            return Duration.ofHours(1);
        }
    }

    /** Repeats the instance in every message, which the report and the events already carry in a field. */
    public static final class NamesTheInstance extends ReferenceVmTypeExtension {
        @Override
        protected String message(Instance instance, String whatHappened) {
            return "kitvm of instance " + instance.name() + ": " + whatHappened;
        }
    }

    /**
     * Keeps the context of its first stop and reports every later stop through it: state
     * between stops, which puts the commands and events of one instance into another's stop.
     */
    public static final class KeepsItsFirstContext extends ReferenceVmTypeExtension {
        private final AtomicReference<ExtensionContext> first = new AtomicReference<>();

        @Override
        protected ExtensionContext context(ExtensionContext given) {
            first.compareAndSet(null, given);
            return first.get();
        }
    }

    /** Throws when its tool is missing instead of reporting a failed step. */
    public static final class ThrowsWhenToolMissing extends ReferenceVmTypeExtension {
        @Override
        protected StepStatus status(CommandResult r) {
            if (r.status() == CommandResult.Status.FAILED_TO_START) {
                throw new IllegalStateException("kitvm-ctl not found");
            }
            return super.status(r);
        }

        @Override
        protected VmStatus.State state(CommandResult r, String said) {
            if (r.status() == CommandResult.Status.FAILED_TO_START) {
                throw new IllegalStateException("kitvm-ctl not found");
            }
            return super.state(r, said);
        }
    }
}
