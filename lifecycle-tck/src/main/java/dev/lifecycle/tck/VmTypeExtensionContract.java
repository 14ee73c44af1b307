// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.ExtensionContext;
import dev.lifecycle.spi.VmStatus;
import dev.lifecycle.spi.VmTypeExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite for a {@link VmTypeExtension}: extend it in your test sources,
 * return your extension and the VM type it handles, and run it like any JUnit 5 test.
 *
 * <pre>{@code
 * class BhyveVmTypeExtensionConformanceTest extends VmTypeExtensionContract {
 *     @Override
 *     protected VmTypeExtension vmTypeExtension() {
 *         return new BhyveVmTypeExtension();
 *     }
 *
 *     @Override
 *     protected VmType supportedVmType() {
 *         return VmType.of("bhyve");
 *     }
 * }
 * }</pre>
 *
 * <p>The extension runs against a command runner that runs nothing and answers every
 * command with a failure to start or a timeout: the kit checks what an extension does
 * when its tool is missing or wedged (a problem step, never an exception, never a claim
 * that the VM stopped), that every command is bounded by the stop's command timeout, that
 * its steps have names of their own and its messages say what happened without repeating
 * the instance (the core files them under it), that concurrent stops of different
 * instances each report into their own stop only, and that its {@code status} — if it
 * reports one — never claims a VM it cannot see is stopped. What a successful stop and a
 * true status look like is the extension's own business and its own tests'.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class VmTypeExtensionContract {

    /** What the core publishes itself, about a step or the whole stop: never an extension's to publish. */
    private static final Set<StopEvent.Type> CORE_EVENTS = Set.of(StopEvent.Type.STOP_STARTED,
            StopEvent.Type.STEP_COMPLETED, StopEvent.Type.STEP_FAILED, StopEvent.Type.STOP_CANCELLED,
            StopEvent.Type.EVENTS_DROPPED, StopEvent.Type.STOP_FINISHED);

    @TempDir
    Path limaHome;

    /**
     * The extension under test. Called at least once per test.
     *
     * @return an extension instance as {@link java.util.ServiceLoader} would create it
     */
    protected abstract VmTypeExtension vmTypeExtension();

    /**
     * @return a VM type the extension handles, such as {@code VmType.WSL2}
     */
    protected abstract VmType supportedVmType();

    /**
     * The options of the stops the kit runs; the kit checks every command against their
     * {@link StopOptions#commandTimeout()}.
     *
     * @return the defaults with a 5-second command timeout unless overridden
     */
    protected StopOptions stopOptions() {
        return StopOptions.builder().commandTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The settings the kit hands the extension as a host app would
     * ({@link dev.lifecycle.spi.ExtensionContext#settings()}). Override to point the
     * extension at its tool when it reads the tool's location from a setting.
     *
     * @return no settings unless overridden
     */
    protected Map<String, String> extensionSettings() {
        return Map.of();
    }

    // ---------------------------------------------------------------- §10 extension

    @Test
    @DisplayName("§10 extension: id() is non-blank, has no whitespace and is stable")
    protected void idIsStable() {
        VmTypeExtension extension = vmTypeExtension();
        String id = extension.id();
        if (id == null || id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
            fail(Clause.EXTENSION.says("id() must be a short word without whitespace, such as 'wsl2', but was "
                    + (id == null ? "null" : "'" + id + "'")));
        }
        if (!id.equals(extension.id()) || !id.equals(vmTypeExtension().id())) {
            fail(Clause.EXTENSION.says("id() '" + id + "' is not stable across calls and instances"));
        }
    }

    @Test
    @DisplayName("§10 extension: supports() its own VM type and not an unrelated one")
    protected void supportsItsOwnVmTypeOnly() {
        VmTypeExtension extension = vmTypeExtension();
        if (!extension.supports(supportedVmType())) {
            fail(Clause.EXTENSION.says("'" + extension.id() + "' does not support " + supportedVmType()
                    + ", the VM type its suite names"));
        }
        VmType unrelated = VmType.of("conformance-kit-unknown");
        if (extension.supports(unrelated)) {
            fail(Clause.EXTENSION.says("'" + extension.id() + "' claims the unrelated VM type " + unrelated
                    + "; an extension handles only its own VM types, or it takes over every instance"));
        }
    }

    // ---------------------------------------------------------------- §11 stopping the VM

    @Test
    @DisplayName("§11 stopping the VM: when its tool cannot start, stopVm() and ensureVmStopped() report a problem and do not throw")
    protected void toolThatCannotStartIsAProblem() {
        for (Stop stop : Stop.values()) {
            Run run = run(stop, "kit-missing", CommandResult.Status.FAILED_TO_START);
            requireProblemIfCommandsRan(run, "could not be started");
        }
    }

    @Test
    @DisplayName("§11 stopping the VM: when its tool times out, stopVm() and ensureVmStopped() report a problem and do not throw")
    protected void toolThatTimesOutIsAProblem() {
        for (Stop stop : Stop.values()) {
            Run run = run(stop, "kit-wedged", CommandResult.Status.TIMED_OUT);
            requireProblemIfCommandsRan(run, "timed out");
        }
    }

    // ---------------------------------------------------------------- §12 commands

    @Test
    @DisplayName("§12 commands: every command goes through the context's runner, bounded by the command timeout")
    protected void commandsAreBoundedByTheCommandTimeout() {
        Duration limit = stopOptions().commandTimeout();
        for (Stop stop : Stop.values()) {
            for (CommandResult.Status answer : List.of(CommandResult.Status.FAILED_TO_START,
                    CommandResult.Status.TIMED_OUT)) {
                Run run = run(stop, "kit-bounded", answer);
                for (ScriptedCommandRunner.Call call : run.runner.calls()) {
                    if (call.command().isEmpty() || call.command().get(0).isBlank()) {
                        fail(Clause.COMMANDS.says(stop.method + " of instance kit-bounded ran an empty command"));
                    }
                    if (call.timeout() == null || call.timeout().isNegative() || call.timeout().isZero()
                            || call.timeout().compareTo(limit) > 0) {
                        fail(Clause.COMMANDS.says(stop.method + " of instance kit-bounded ran " + call.command()
                                + " with timeout " + call.timeout() + "; every command is bounded by the stop's"
                                + " command timeout (" + limit + ")"));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- §13 reporting

    @Test
    @DisplayName("§13 extension reporting: steps have the extension's own names; messages say what happened and"
            + " leave the instance to the report and the event")
    protected void stepsAndMessagesLeaveTheInstanceToTheFields() {
        Set<String> coreSteps = coreStepNames();
        for (Stop stop : Stop.values()) {
            for (CommandResult.Status answer : List.of(CommandResult.Status.FAILED_TO_START,
                    CommandResult.Status.TIMED_OUT)) {
                Run run = run(stop, "kit-named", answer);
                String step = run.result.step();
                if (step.isBlank() || coreSteps.contains(step)) {
                    fail(Clause.EXTENSION_REPORTING.says(stop.method + " of instance kit-named returned step '"
                            + step + "'; an extension names its own steps (such as terminate-distro), never one"
                            + " of the core's " + coreSteps));
                }
                requireSaysWhatHappened(stop.method + " returned a step", run.result.message(), "kit-named");
                for (KitExtensionContext.Event event : run.context.events()) {
                    if (event.step() == null || event.step().isBlank()) {
                        fail(Clause.EXTENSION_REPORTING.says(stop.method + " of instance kit-named published an"
                                + " event without a step: " + event));
                    }
                    if (CORE_EVENTS.contains(event.type())) {
                        fail(Clause.EXTENSION_REPORTING.says(stop.method + " of instance kit-named published "
                                + event.type() + " (" + event + "); the core publishes that one itself (a step's"
                                + " completion or failure from the StepResult returned), so it would be said twice"));
                    }
                    requireSaysWhatHappened(stop.method + " published an event", event.message(), "kit-named");
                }
            }
        }
    }

    // ---------------------------------------------------------------- §14 threads

    @Test
    @DisplayName("§14 extension threads: one extension serves 8 concurrent stops of different instances, each"
            + " reporting into its own stop only")
    protected void servesConcurrentStops() throws Exception {
        List<String> names = List.of("kit-a", "kit-b", "kit-c", "kit-d", "kit-e", "kit-f", "kit-g", "kit-h");
        // What each stop does alone, on an extension of its own: the measure of the concurrent ones.
        List<Run> alone = new ArrayList<>();
        for (String name : names) {
            alone.add(run(Stop.STOP_VM, name, CommandResult.Status.FAILED_TO_START));
        }
        VmTypeExtension extension = vmTypeExtension();
        List<ScriptedCommandRunner> runners = new ArrayList<>();
        List<KitExtensionContext> contexts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            runners.add(new ScriptedCommandRunner(CommandResult.Status.FAILED_TO_START));
            contexts.add(new KitExtensionContext(stopOptions(), extensionSettings(), runners.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<StepResult>> results = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Instance instance = instance(names.get(i));
                KitExtensionContext context = contexts.get(i);
                results.add(pool.submit(() -> {
                    gate.await();
                    return extension.stopVm(instance, context);
                }));
            }
            gate.countDown();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                StepResult result;
                try {
                    result = results.get(i).get(1, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw new AssertionError(Clause.EXTENSION_THREADS.says("stopVm() of instance " + name
                            + ", run concurrently with " + (names.size() - 1) + " others, threw " + e.getCause()),
                            e.getCause());
                }
                if (result == null) {
                    fail(Clause.EXTENSION_THREADS.says("concurrent stopVm() of instance " + name + " returned null"));
                }
                requireOwnStopOnly(alone.get(i), new Run(Stop.STOP_VM, instance(name), runners.get(i),
                        contexts.get(i), result), names);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- §15 VM status

    @Test
    @DisplayName("§15 VM status: when its tool cannot start or times out, status() is UNKNOWN, says what happened and does not throw")
    protected void statusOfAToolThatFailsIsUnknown() {
        for (CommandResult.Status answer : List.of(CommandResult.Status.FAILED_TO_START, CommandResult.Status.TIMED_OUT)) {
            StatusRun run = status("kit-status", answer);
            if (run.status.isEmpty() || run.runner.calls().isEmpty()) {
                continue; // reads no state, or none that needs its tool
            }
            VmStatus status = run.status.get();
            if (status.state() != VmStatus.State.UNKNOWN) {
                fail(Clause.VM_STATUS.says("status() of instance kit-status returned " + status.state()
                        + " although every command it ran " + describe(answer) + " (" + run.runner.calls().get(0)
                        .command() + "); what the tool did not say is UNKNOWN, never a state: '" + status.detail() + "'"));
            }
            requireSaysWhatHappened(Clause.VM_STATUS, "status() of instance kit-status returned a detail",
                    status.detail(), "kit-status");
        }
    }

    @Test
    @DisplayName("§15 VM status: every command of status() goes through the context's runner, bounded by its command timeout")
    protected void statusCommandsAreBoundedByTheCommandTimeout() {
        Duration limit = stopOptions().commandTimeout();
        for (CommandResult.Status answer : List.of(CommandResult.Status.FAILED_TO_START, CommandResult.Status.TIMED_OUT)) {
            for (ScriptedCommandRunner.Call call : status("kit-status-bounded", answer).runner.calls()) {
                if (call.timeout() == null || call.timeout().isNegative() || call.timeout().isZero()
                        || call.timeout().compareTo(limit) > 0) {
                    fail(Clause.VM_STATUS.says("status() of instance kit-status-bounded ran " + call.command()
                            + " with timeout " + call.timeout() + "; every command is bounded by the context's"
                            + " command timeout (" + limit + ")"));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * One of the concurrent stops did what it does alone, and nothing in what it returned,
     * published or ran mentions another of the instances stopped at the same time.
     */
    private static void requireOwnStopOnly(Run alone, Run concurrent, List<String> names) {
        String name = concurrent.instance.name();
        List<String> others = names.stream().filter(n -> !n.equals(name)).collect(Collectors.toList());
        String rule = "; a stop reports only through the context it was handed and about the instance it was called"
                + " for, so that the core files it under that instance";
        StepResult result = concurrent.result;
        if (!result.step().equals(alone.result.step()) || result.status() != alone.result.status()) {
            fail(Clause.EXTENSION_THREADS.says("concurrent stopVm() of instance " + name + " returned "
                    + result.step() + " " + result.status() + ", alone it returned " + alone.result.step() + " "
                    + alone.result.status() + rule));
        }
        requireMentionsNone(others, result.message(), "concurrent stopVm() of instance " + name
                + " returned a message", rule);
        List<KitExtensionContext.Event> events = concurrent.context.events();
        for (KitExtensionContext.Event event : events) {
            requireMentionsNone(others, event.message(), "the concurrent stop of instance " + name
                    + " received an event (" + event + ")", rule);
        }
        if (events.size() != alone.context.events().size()) {
            fail(Clause.EXTENSION_THREADS.says("the concurrent stop of instance " + name + " received "
                    + events.size() + " events, alone it received " + alone.context.events().size() + ": " + events
                    + rule));
        }
        List<ScriptedCommandRunner.Call> calls = concurrent.runner.calls();
        for (ScriptedCommandRunner.Call call : calls) {
            requireMentionsNone(others, String.join(" ", call.command()), "the concurrent stop of instance " + name
                    + " ran " + call.command() + ", a command", rule);
        }
        if (calls.size() != alone.runner.calls().size()) {
            fail(Clause.EXTENSION_THREADS.says("the concurrent stop of instance " + name + " ran " + calls.size()
                    + " commands through its context, alone it ran " + alone.runner.calls().size() + ": " + calls
                    + rule));
        }
    }

    private static void requireMentionsNone(List<String> others, String text, String what, String rule) {
        List<String> mentioned = others.stream().filter(n -> text != null && text.contains(n))
                .collect(Collectors.toList());
        if (!mentioned.isEmpty()) {
            fail(Clause.EXTENSION_THREADS.says(what + " about " + mentioned + ": '" + text + "'" + rule));
        }
    }

    /**
     * The message says what happened: the core files a step under its instance
     * ({@code StopReport.instance()}) and sets {@code StopEvent.instance()} itself, so a
     * message that names the instance as its subject says it twice. Naming what the tool
     * acted on (the distro {@code lima-<name>}, the command run) is what happened.
     */
    private static void requireSaysWhatHappened(String what, String message, String instance) {
        requireSaysWhatHappened(Clause.EXTENSION_REPORTING, what, message, instance);
    }

    private static void requireSaysWhatHappened(Clause clause, String what, String message, String instance) {
        if (message == null || message.isBlank()) {
            fail(clause.says(what + " with a blank message for instance " + instance
                    + "; say what happened"));
        }
        String start = message.stripLeading().replaceFirst("^[\\[(\"']+", "");
        if (message.toLowerCase(Locale.ROOT).contains("instance " + instance.toLowerCase(Locale.ROOT))
                || start.startsWith(instance)) {
            fail(clause.says(what + " whose message repeats instance " + instance + ": '"
                    + message + "'; the core files every step under its instance (StopReport.instance) and"
                    + " sets StopEvent.instance on every event, so the message says what happened, once"));
        }
    }

    /** What one status() call did. */
    private record StatusRun(ScriptedCommandRunner runner, Optional<VmStatus> status) {
    }

    private StatusRun status(String name, CommandResult.Status answer) {
        VmTypeExtension extension = vmTypeExtension();
        ScriptedCommandRunner runner = new ScriptedCommandRunner(answer);
        KitExtensionContext context = new KitExtensionContext(stopOptions(), extensionSettings(), runner);
        Optional<VmStatus> status;
        try {
            status = extension.status(instance(name), context);
        } catch (RuntimeException e) {
            throw new AssertionError(Clause.VM_STATUS.says("status() of instance " + name + " threw " + e
                    + " when its commands " + describe(answer) + "; a failure is VmStatus UNKNOWN, never an exception"),
                    e);
        }
        if (status == null) {
            fail(Clause.VM_STATUS.says("status() of instance " + name + " returned null; Optional.empty() means"
                    + " the extension reads no state"));
        }
        if (!context.events().isEmpty()) {
            fail(Clause.VM_STATUS.says("status() of instance " + name + " published events " + context.events()
                    + "; reading a VM's state is not a step of a stop"));
        }
        return new StatusRun(runner, status);
    }

    /** The two entry points of an extension. */
    private enum Stop {
        STOP_VM("stopVm()", VmTypeExtension::stopVm),
        ENSURE_VM_STOPPED("ensureVmStopped()", VmTypeExtension::ensureVmStopped);

        final String method;
        final Call call;

        Stop(String method, Call call) {
            this.method = method;
            this.call = call;
        }
    }

    /** One entry point, applied. */
    @FunctionalInterface
    private interface Call {
        StepResult apply(VmTypeExtension extension, Instance instance, ExtensionContext context);
    }

    /** What one call did. */
    private record Run(Stop stop, Instance instance, ScriptedCommandRunner runner, KitExtensionContext context,
                       StepResult result) {
    }

    private Run run(Stop stop, String name, CommandResult.Status answer) {
        VmTypeExtension extension = vmTypeExtension();
        Instance instance = instance(name);
        ScriptedCommandRunner runner = new ScriptedCommandRunner(answer);
        KitExtensionContext context = new KitExtensionContext(stopOptions(), extensionSettings(), runner);
        StepResult result;
        try {
            result = stop.call.apply(extension, instance, context);
        } catch (RuntimeException e) {
            throw new AssertionError(Clause.STOPPING_THE_VM.says(stop.method + " of instance " + name + " threw " + e
                    + " when its commands " + describe(answer) + "; a failure is a StepResult, never an exception"), e);
        }
        if (result == null) {
            fail(Clause.STOPPING_THE_VM.says(stop.method + " of instance " + name + " returned null"));
        }
        return new Run(stop, instance, runner, context, result);
    }

    private void requireProblemIfCommandsRan(Run run, String what) {
        if (!run.runner.calls().isEmpty() && !run.result.status().isProblem()) {
            fail(Clause.STOPPING_THE_VM.says(run.stop.method + " of instance " + run.instance.name() + " returned "
                    + run.result.status() + " although every command it ran " + what + " ("
                    + run.runner.calls().get(0).command() + "); the VM may still run, so the step must be FAILED"
                    + " or TIMED_OUT: '" + run.result.message() + "'"));
        }
    }

    private Instance instance(String name) {
        return Instance.builder(name, limaHome).vmType(supportedVmType()).build();
    }

    private static String describe(CommandResult.Status answer) {
        return answer == CommandResult.Status.TIMED_OUT ? "timed out" : "could not be started";
    }

    private static Set<String> coreStepNames() {
        return Stream.of(Steps.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(VmTypeExtensionContract::value)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Conformance kit: cannot read Steps." + field.getName(), e);
        }
    }
}
