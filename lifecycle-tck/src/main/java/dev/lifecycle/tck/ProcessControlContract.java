// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.ReferenceScan;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SocketListener;
import dev.lifecycle.spi.SocketListeners;
import dev.lifecycle.spi.StartTimeCheck;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite for a {@link ProcessControl}: extend it in your test sources,
 * return your provider from {@link #processControl()}, and run it like any JUnit 5 test.
 *
 * <pre>{@code
 * class FreeBsdProcessControlConformanceTest extends ProcessControlContract {
 *     @Override
 *     protected ProcessControl processControl() {
 *         return new FreeBsdProcessControl();
 *     }
 * }
 * }</pre>
 *
 * <p>Every test works on real processes that are children of the test JVM: {@code sh -c}
 * scripts on Unix (override {@link #testProcessCommand} on Windows). When the provider
 * says it is not available here, the tests that need it are skipped with its cause,
 * the same gate discovery uses. Failures name the clause of {@code docs/spi-contract.md}
 * they enforce. To leave out a test for a documented deviation, override its method
 * with {@code @Test @Disabled("why")}.
 *
 * <p>No test asserts a duration: waits are bounded by {@link #exitTimeout()} only so
 * that a broken provider fails instead of hanging.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ProcessControlContract {

    /** How many processes {@link #onExitOfManyProcessesNeedsNoThreadPerProcess()} watches at once. */
    protected static final int MANY = 50;

    private static final Duration SIGNAL_HELPER_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path workDir;

    private final KitProcesses processes = new KitProcesses();
    private final List<ProcessTarget> openTargets = new ArrayList<>();
    private ProcessControl control;

    /**
     * The provider under test. Called once per test, and twice by the §1 test that
     * compares two instances.
     *
     * @return a new provider instance, as {@link java.util.ServiceLoader} would create it
     */
    protected abstract ProcessControl processControl();

    /**
     * The command line of a real test process. The process must print the line
     * {@code ready} on standard output once its interrupt handling is installed, exit
     * with status 0 when its standard input reaches end of file, and behave on interrupt
     * as {@code behaviour} says. The default runs {@code sh -c} scripts and fails on
     * Windows: a Windows provider overrides it (for example with a small console program
     * that handles Ctrl+Break).
     *
     * @param behaviour what the process does on interrupt
     * @param interruptMarker the file to write when an interrupt arrives and ends the process
     * @return the program and its arguments
     */
    protected List<String> testProcessCommand(TestProcessBehaviour behaviour, Path interruptMarker) {
        if (isWindows()) {
            throw new UnsupportedOperationException("Conformance kit: no default test process on Windows;"
                    + " override ProcessControlContract.testProcessCommand(TestProcessBehaviour, Path) in "
                    + getClass().getName());
        }
        String onInterrupt = behaviour == TestProcessBehaviour.EXITS_ON_INTERRUPT
                ? "echo interrupted > \"$1\"; exit 0"
                : "";
        // `read` blocks without using the CPU; the shell runs a trap as soon as the signal
        // arrives, and `read` returns at end of file, which is how the kit releases it.
        String script = "trap '" + onInterrupt + "' INT TERM; echo ready; read line; exit 0";
        return List.of("sh", "-c", script, "sh", interruptMarker.toString());
    }

    /**
     * The command line of a real test process that also carries the given arguments, the way
     * a Lima process names its instance ({@code limactl hostagent --pidfile <dir>/ha.pid ...}):
     * the §3 evidence tests read them back through the provider. The default appends them to
     * {@link #testProcessCommand(TestProcessBehaviour, Path)}, where the {@code sh} script
     * ignores them; override it if your test program cannot take extra arguments.
     *
     * @param behaviour what the process does on interrupt
     * @param interruptMarker the file to write when an interrupt arrives and ends the process
     * @param arguments what its command line must also hold, in this order
     * @return the program and its arguments
     */
    protected List<String> testProcessCommand(TestProcessBehaviour behaviour, Path interruptMarker,
                                              List<String> arguments) {
        List<String> command = new ArrayList<>(testProcessCommand(behaviour, interruptMarker));
        command.addAll(arguments);
        return command;
    }

    /**
     * The longest wait for an exit the test has caused, before the test fails. Not a
     * performance bound: it only turns a hang into a readable failure.
     *
     * @return 10 seconds unless overridden
     */
    protected Duration exitTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * How many threads watching {@value #MANY} processes at once may add: those started
     * from before their lookup until every watch is registered, and still alive then.
     *
     * @return 8 unless overridden
     */
    protected int threadGrowthBound() {
        return 8;
    }

    @AfterEach
    final void endEveryProcessAndTarget() {
        synchronized (openTargets) {
            for (ProcessTarget target : openTargets) {
                try {
                    target.close();
                } catch (RuntimeException e) {
                    // Reported by closeIsIdempotentAndNeverThrows; here the processes must still end.
                }
            }
            openTargets.clear();
        }
        processes.close();
    }

    // ---------------------------------------------------------------- §1 provider

    @Test
    @DisplayName("§1 provider: id() is non-blank, has no whitespace and is stable; priority() is stable")
    protected void idAndPriorityAreStable() {
        ProcessControl provider = processControl();
        String id = provider.id();
        if (id == null || id.isBlank() || !id.strip().equals(id) || id.chars().anyMatch(Character::isWhitespace)) {
            fail(Clause.PROVIDER.says("id() must be a short word without whitespace, such as 'linux', but was "
                    + quoted(id)));
        }
        if (!id.equals(provider.id())) {
            fail(Clause.PROVIDER.says("id() changed between two calls: " + quoted(id) + " then "
                    + quoted(provider.id())));
        }
        String again = processControl().id();
        if (!id.equals(again)) {
            fail(Clause.PROVIDER.says("id() differs between two instances: " + quoted(id) + " and " + quoted(again)
                    + "; the forcing property " + "lifecycle.processControl names providers by id"));
        }
        int priority = provider.priority();
        if (priority != provider.priority()) {
            fail(Clause.PROVIDER.says("priority() of '" + id + "' changed between two calls"));
        }
    }

    @Test
    @DisplayName("§1 provider: availability() is probed once, is stable, and names its cause exactly when unavailable")
    protected void availabilityNamesItsCauseExactlyWhenUnavailable() {
        ProcessControl provider = processControl();
        Availability first = provider.availability();
        if (first == null) {
            fail(Clause.PROVIDER.says("availability() of '" + provider.id() + "' returned null"));
        }
        Availability second = provider.availability();
        if (!first.equals(second)) {
            fail(Clause.PROVIDER.says("availability() of '" + provider.id() + "' changed between two calls ("
                    + first + ", then " + second + "); probe once and keep the result"));
        }
        if (!first.available() && first.cause().map(String::isBlank).orElse(true)) {
            fail(Clause.PROVIDER.says("'" + provider.id() + "' is unavailable without saying why"));
        }
        if (first.available() && first.cause().isPresent()) {
            fail(Clause.PROVIDER.says("'" + provider.id() + "' is available yet gives a cause: " + first.cause()));
        }
    }

    // ---------------------------------------------------------------- §2 refusals

    @Test
    @DisplayName("§2 refusals: PID 1 is Refused even with evidence that would pass")
    protected void pidOneIsRefused() throws IOException {
        ProcessControl provider = available();
        Path pidFile = writePidFile("init.pid", 1);
        ProcessRef ref = ProcessRef.recordedIn(1, pidFile, Files.getLastModifiedTime(pidFile).toInstant());
        ProcessLookup lookup = lookup(Clause.REFUSALS, provider, ref);
        if (!(lookup instanceof ProcessLookup.Refused)) {
            fail(Clause.REFUSALS.says("PID 1 must never be signalled, yet find() returned " + describe(lookup)
                    + "; check StartTimeCheck.refusal(pid) before anything else"));
        }
    }

    @Test
    @DisplayName("§2 refusals: the current process is Refused even with its exact start instant")
    protected void currentProcessIsRefused() {
        ProcessControl provider = available();
        ProcessHandle self = ProcessHandle.current();
        Instant start = self.info().startInstant().orElse(Instant.now());
        ProcessLookup lookup = lookup(Clause.REFUSALS, provider, ProcessRef.started(self.pid(), start));
        if (!(lookup instanceof ProcessLookup.Refused)) {
            fail(Clause.REFUSALS.says("PID " + self.pid() + " is the current process and must never be signalled,"
                    + " yet find() returned " + describe(lookup)));
        }
    }

    // ---------------------------------------------------------------- §3 identity

    @Test
    @DisplayName("§3 identity: a running process whose PID file was written after it started is Found")
    protected void processWrittenToPidFileAfterItsStartIsFound() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        Path pidFile = writePidFile("ha.pid", p.pid());
        Instant written = Files.getLastModifiedTime(pidFile).toInstant();
        ProcessTarget target = found(provider, ProcessRef.recordedIn(p.pid(), pidFile, written),
                "its PID file was written at " + written + ", after it started");
        if (target.pid() != p.pid()) {
            fail(Clause.IDENTITY.says("find() for PID " + p.pid() + " returned a target for PID " + target.pid()));
        }
        if (!target.isAlive()) {
            fail(Clause.EXIT_WATCHING.says("PID " + p.pid() + " is running, yet isAlive() of its target is false"));
        }
    }

    @Test
    @DisplayName("§3 identity: a running process with its exact recorded start instant is Found")
    protected void processWithRecordedStartIsFound() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        Instant start = recordedStart(p);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), start), "it started at " + start);
        if (target.startInstant().isPresent()) {
            Duration off = Duration.between(start, target.startInstant().get()).abs();
            if (off.compareTo(Duration.ofSeconds(2)) > 0) {
                fail(Clause.IDENTITY.says("PID " + p.pid() + " started at " + start + " (as the JDK reads it), yet"
                        + " its target reports " + target.startInstant().get()));
            }
        }
    }

    @Test
    @DisplayName("§3 identity: a PID file written an hour before the process started means NotOurs, and the process is left alone")
    protected void pidFileOlderThanTheProcessIsNotOurs() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.EXITS_ON_INTERRUPT);
        Instant start = recordedStart(p);
        Path pidFile = writePidFile("ha.pid", p.pid());
        Files.setLastModifiedTime(pidFile, FileTime.from(start.minus(Duration.ofHours(1))));
        Instant written = Files.getLastModifiedTime(pidFile).toInstant();
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ProcessRef.recordedIn(p.pid(), pidFile, written));
        if (!(lookup instanceof ProcessLookup.NotOurs)) {
            fail(Clause.IDENTITY.says("PID " + p.pid() + " started at " + start + ", after its PID file was written"
                    + " at " + written + ", yet find() returned " + describe(lookup)
                    + "; the PID names a later process and must be left alone"));
        }
        requireUntouched(Clause.IDENTITY, p, "after find() said NotOurs");
    }

    @Test
    @DisplayName("§3 identity: a recorded start instant an hour off means NotOurs, and the process is left alone")
    protected void recordedStartAnHourOffIsNotOurs() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.EXITS_ON_INTERRUPT);
        Instant start = recordedStart(p);
        Instant recorded = start.minus(Duration.ofHours(1));
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ProcessRef.started(p.pid(), recorded));
        if (!(lookup instanceof ProcessLookup.NotOurs)) {
            fail(Clause.IDENTITY.says("PID " + p.pid() + " started at " + start + " but the reference recorded "
                    + recorded + ", yet find() returned " + describe(lookup)));
        }
        requireUntouched(Clause.IDENTITY, p, "after find() said NotOurs");
    }

    @Test
    @DisplayName("§3 identity: a process that names its instance is Found though its PID file looks an hour older (the clock stepped forward)")
    protected void processNamingItsInstanceIsFoundThoughItsPidFileLooksOlder() throws IOException {
        ProcessControl provider = available();
        Path instance = instanceDirectory("kit");
        StartedProcess p = start(TestProcessBehaviour.EXITS_ON_INTERRUPT, limaHostAgent(instance));
        ProcessRef ref = pidFileWrittenAt(instance, p, recordedStart(p).minus(Duration.ofHours(1)));
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ref, ExpectedOwner.namingItsInstance(instance));
        if (!(lookup instanceof ProcessLookup.Found)) {
            fail(Clause.IDENTITY.says("PID " + p.pid() + " names its instance directory on its command line ("
                    + limaHostAgent(instance) + "), yet find(ref, owner) returned " + describe(lookup) + "; the"
                    + " wall clock can step, what a process names cannot: read its command line and apply"
                    + " IdentityRule.decide"));
        }
        requireUntouched(Clause.IDENTITY, p, "after find()");
    }

    @Test
    @DisplayName("§3 identity: a process that names another instance is NotOurs, whatever its start time (a copied instance directory)")
    protected void processNamingAnotherInstanceIsNotOurs() throws IOException {
        ProcessControl provider = available();
        Path instance = instanceDirectory("copy");
        Path original = instanceDirectory("original");
        StartedProcess p = start(TestProcessBehaviour.EXITS_ON_INTERRUPT, limaHostAgent(original));
        ProcessRef ref = pidFileWrittenAt(instance, p, Instant.now());
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ref, ExpectedOwner.namingItsInstance(instance));
        if (!(lookup instanceof ProcessLookup.NotOurs)) {
            fail(Clause.IDENTITY.says("PID " + p.pid() + " names another instance (" + original + ") and its PID"
                    + " file sits in " + instance + ", yet find(ref, owner) returned " + describe(lookup)
                    + "; a process that refers to another instance is never signalled"));
        }
        requireUntouched(Clause.IDENTITY, p, "after find() said NotOurs");
    }

    @Test
    @DisplayName("§3 identity: a process that names no instance but looks older than its PID file is Unknown (the clock stepped back)")
    protected void processNamingNoInstanceWithAPlausibleStartIsUnknown() throws IOException {
        ProcessControl provider = available();
        Path instance = instanceDirectory("kit");
        StartedProcess p = start(TestProcessBehaviour.EXITS_ON_INTERRUPT, List.of("some-daemon", "--serve"));
        ProcessRef ref = pidFileWrittenAt(instance, p, Instant.now());
        ProcessLookup fixed = lookup(Clause.IDENTITY, provider, ref, ExpectedOwner.namingItsInstance(instance));
        if (!(fixed instanceof ProcessLookup.Unknown)) {
            fail(Clause.IDENTITY.says("PID " + p.pid() + " names no instance although Lima fixes this role's"
                    + " command line, and only its start time agrees, yet find(ref, owner) returned "
                    + describe(fixed) + "; that is Unknown: neither signalled nor counted as gone"));
        }
        requireNamesPid(fixed.detail(), p.pid(), "the Unknown detail");
        ProcessLookup unfixed = lookup(Clause.IDENTITY, provider, ref, ExpectedOwner.withAnyCommandLine(instance));
        if (!(unfixed instanceof ProcessLookup.Found)) {
            fail(Clause.IDENTITY.says("PID " + p.pid() + " started before its PID file was written, and its role's"
                    + " command line is not fixed, yet find(ref, owner) returned " + describe(unfixed)
                    + "; then the start time decides"));
        }
        requireUntouched(Clause.IDENTITY, p, "after find()");
    }

    @Test
    @DisplayName("§3 identity: an ancestor of the caller is never the instance's process")
    protected void anAncestorOfTheCallerIsNeverFound() throws IOException {
        ProcessControl provider = available();
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        assumeTrue(parent > 1, "the test JVM has a parent other than init");
        Path instance = instanceDirectory("kit");
        Path pidFile = writePidFile(instance, "ha.pid", parent);
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ProcessRef.recordedIn(parent, pidFile,
                Files.getLastModifiedTime(pidFile).toInstant()), ExpectedOwner.namingItsInstance(instance));
        if (!(lookup instanceof ProcessLookup.NotOurs || lookup instanceof ProcessLookup.Refused)) {
            fail(Clause.IDENTITY.says("PID " + parent + " is the parent of the test JVM, yet find(ref, owner)"
                    + " returned " + describe(lookup) + "; an ancestor of the caller is never an instance's"
                    + " (IdentityRule.ancestorOfThisProcess)"));
        }
    }

    @Test
    @DisplayName("§3 identity: scanReferences finds the processes that name the instance, and no other")
    protected void scanFindsTheProcessesThatNameTheInstanceAndNoOther() throws IOException {
        ProcessControl provider = available();
        Path instance = instanceDirectory("kit");
        Path other = instanceDirectory("other");
        StartedProcess mine = start(TestProcessBehaviour.EXITS_ON_INTERRUPT, limaHostAgent(instance));
        StartedProcess theirs = start(TestProcessBehaviour.EXITS_ON_INTERRUPT, limaHostAgent(other));
        ReferenceScan scan;
        try {
            scan = provider.scanReferences(instance);
        } catch (RuntimeException e) {
            throw new AssertionError(Clause.IDENTITY.says("scanReferences(" + instance + ") threw " + e), e);
        }
        List<Long> pids = scan.referring().stream().map(ReferenceScan.Referrer::pid).toList();
        if (!pids.contains(mine.pid())) {
            fail(Clause.IDENTITY.says("PID " + mine.pid() + " names " + instance + " on its command line, yet"
                    + " scanReferences did not list it: " + scan));
        }
        if (pids.contains(theirs.pid()) || pids.contains(ProcessHandle.current().pid())) {
            fail(Clause.IDENTITY.says("scanReferences(" + instance + ") listed PID " + theirs.pid()
                    + " (which names another instance) or the current process: " + scan));
        }
        requireUntouched(Clause.IDENTITY, mine, "after scanReferences()");
    }

    // ---------------------------------------------------------------- §4 gone processes

    @Test
    @DisplayName("§4 gone processes: the PID of a process that exited is NotRunning")
    protected void exitedProcessIsNotRunning() throws IOException, InterruptedException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        Instant start = recordedStart(p);
        p.release();
        requireHarnessSawExit(p);
        ProcessLookup lookup = lookup(Clause.GONE, provider, ProcessRef.started(p.pid(), start));
        if (!(lookup instanceof ProcessLookup.NotRunning)) {
            fail(Clause.GONE.says("PID " + p.pid() + " has exited, yet find() returned " + describe(lookup)));
        }
    }

    @Test
    @DisplayName("§4 gone processes: signals to a process that exited report ALREADY_EXITED and never throw")
    protected void signalsToAnExitedProcessReportAlreadyExited() throws IOException, InterruptedException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), recordedStart(p)), "it is running");
        p.release();
        requireHarnessSawExit(p);
        awaitObservedExit(target, p, Clause.GONE, "the test released it");
        SignalResult interrupt = signal(Clause.GONE, p, "interrupt()", () -> target.interrupt(SIGNAL_HELPER_TIMEOUT));
        requireStatus(Clause.GONE, p, "interrupt() after the process exited", interrupt,
                SignalResult.Status.ALREADY_EXITED);
        SignalResult kill = signal(Clause.GONE, p, "kill()", target::kill);
        requireStatus(Clause.GONE, p, "kill() after the process exited", kill, SignalResult.Status.ALREADY_EXITED);
    }

    @Test
    @DisplayName("§4 gone processes: a zombie has exited (onExit completes, isAlive is false, find says NotRunning)")
    protected void zombieCountsAsExited() throws IOException {
        assumeTrue(!isWindows(), "zombies are a Unix matter");
        ProcessControl provider = available();
        KitProcesses.Orphanable child = processes.startZombieToBe();
        Instant start = child.startInstant().orElseThrow(() -> new IllegalStateException(
                "Conformance kit: the JDK cannot read the start time of PID " + child.pid()));
        ProcessTarget target = found(provider, ProcessRef.started(child.pid(), start), "it is running");
        CompletableFuture<Instant> exit = onExit(target);
        child.letChildExit();
        try {
            // The harness sees the exit first (an event: end of file on the pipe the child
            // held), so that the bound below is the provider's alone, not a slow exit's.
            if (!child.awaitChildExit(exitTimeout())) {
                throw new IllegalStateException("Conformance kit: the zombie-to-be PID " + child.pid()
                        + " did not exit within " + exitTimeout().toSeconds() + " s of the end of its input");
            }
            exit.get(exitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(Clause.GONE.says("PID " + child.pid() + " exited and is a zombie (its parent does not reap it),"
                    + " yet onExit() did not complete within " + exitTimeout().toSeconds() + " s; a zombie has exited"));
        } catch (ExecutionException e) {
            fail(Clause.EXIT_WATCHING.says("onExit() of PID " + child.pid() + " completed exceptionally: "
                    + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        if (target.isAlive()) {
            fail(Clause.GONE.says("PID " + child.pid() + " is a zombie, yet isAlive() is true"));
        }
        ProcessLookup again = lookup(Clause.GONE, provider, ProcessRef.started(child.pid(), start));
        if (!(again instanceof ProcessLookup.NotRunning)) {
            fail(Clause.GONE.says("PID " + child.pid() + " is a zombie, yet find() returned " + describe(again)));
        }
    }

    // ---------------------------------------------------------------- §5 signals

    @Test
    @DisplayName("§5 signals: interrupt() reaches the process's handler, and onExit sees the exit")
    protected void interruptReachesTheProcess() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.EXITS_ON_INTERRUPT);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), recordedStart(p)), "it is running");
        SignalResult result = signal(Clause.SIGNALS, p, "interrupt()", () -> target.interrupt(SIGNAL_HELPER_TIMEOUT));
        requireStatus(Clause.SIGNALS, p, "interrupt() of a running process", result, SignalResult.Status.DELIVERED);
        awaitObservedExit(target, p, Clause.SIGNALS, "interrupt() returned DELIVERED");
        if (!p.interruptHandlerRan()) {
            fail(Clause.SIGNALS.says("PID " + p.pid() + " exited after interrupt(), but its interrupt handler never"
                    + " ran: interrupt() must ask for a graceful exit (SIGINT, Ctrl+Break), not end the process"));
        }
    }

    @Test
    @DisplayName("§5 signals: kill() ends a process that ignores interrupts")
    protected void killEndsAProcessThatIgnoresInterrupts() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), recordedStart(p)), "it is running");
        signal(Clause.SIGNALS, p, "interrupt()", () -> target.interrupt(SIGNAL_HELPER_TIMEOUT));
        SignalResult kill = signal(Clause.SIGNALS, p, "kill()", target::kill);
        requireStatus(Clause.SIGNALS, p, "kill() of a running process", kill, SignalResult.Status.DELIVERED);
        awaitObservedExit(target, p, Clause.SIGNALS, "kill() returned DELIVERED");
    }

    @Test
    @DisplayName("§5 signals: kill() is idempotent: a second kill says ALREADY_EXITED and does not throw")
    protected void killIsIdempotent() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), recordedStart(p)), "it is running");
        SignalResult first = signal(Clause.SIGNALS, p, "kill()", target::kill);
        requireStatus(Clause.SIGNALS, p, "the first kill()", first, SignalResult.Status.DELIVERED);
        awaitObservedExit(target, p, Clause.SIGNALS, "kill() returned DELIVERED");
        SignalResult second = signal(Clause.SIGNALS, p, "a second kill()", target::kill);
        requireStatus(Clause.SIGNALS, p, "a second kill() after the exit", second,
                SignalResult.Status.ALREADY_EXITED);
    }

    // ---------------------------------------------------------------- §6 exit watching

    @Test
    @DisplayName("§6 exit watching: onExit() completes for a process that exited before it was called; isAlive() is false")
    protected void onExitCompletesForAProcessThatAlreadyExited() throws IOException, InterruptedException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), recordedStart(p)), "it is running");
        p.release();
        requireHarnessSawExit(p);
        awaitObservedExit(target, p, Clause.EXIT_WATCHING, "the test released it before calling onExit()");
        if (target.isAlive()) {
            fail(Clause.EXIT_WATCHING.says("PID " + p.pid() + " has exited, yet isAlive() is true"));
        }
    }

    @Test
    @DisplayName("§6 exit watching: the exits of " + MANY + " processes that are not the JVM's children are all"
            + " seen, with no thread per process")
    protected void onExitOfManyProcessesNeedsNoThreadPerProcess() throws IOException, InterruptedException {
        ProcessControl provider = available();
        List<Long> pids = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        Runnable release;
        if (isWindows()) {
            // Windows has no zombies and no reaping: a child is watched like any process.
            List<StartedProcess> children = new ArrayList<>();
            for (int i = 0; i < MANY; i++) {
                StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
                children.add(p);
                pids.add(p.pid());
                starts.add(recordedStart(p));
            }
            release = () -> children.forEach(StartedProcess::release);
        } else {
            KitProcesses.NonChildren batch = processes.startNonChildren(MANY);
            for (ProcessHandle h : batch.handles()) {
                pids.add(h.pid());
                starts.add(h.info().startInstant().orElseThrow(() -> new IllegalStateException(
                        "Conformance kit: the JDK cannot read the start time of PID " + h.pid())));
            }
            release = batch::release;
        }
        // Taken before the lookups, so that a thread started per find() counts as well.
        Set<Thread> before = liveThreads();
        List<CompletableFuture<Instant>> exits = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            ProcessTarget target = found(provider, ProcessRef.started(pids.get(i), starts.get(i)), "it is running");
            exits.add(onExit(target));
        }
        // The threads started meanwhile and still alive: a thread of an earlier test that ends
        // in between can neither hide one of them nor count as one.
        List<String> added = liveThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .sorted().collect(Collectors.toList());
        if (added.size() > threadGrowthBound()) {
            fail(Clause.EXIT_WATCHING.says("watching " + MANY + " processes added " + added.size() + " live threads"
                    + " (at most " + threadGrowthBound() + " allowed: " + added + "): exits must be watched by a"
                    + " small fixed set of threads, never one per process"));
        }
        release.run();
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(exitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            List<Long> missed = new ArrayList<>();
            for (int i = 0; i < MANY; i++) {
                if (!exits.get(i).isDone()) {
                    missed.add(pids.get(i));
                }
            }
            fail(Clause.EXIT_WATCHING.says("all " + MANY + " processes exited when the test closed their input, yet"
                    + " onExit() of " + missed.size() + " of them did not complete within "
                    + exitTimeout().toSeconds() + " s (PIDs " + missed + ")"));
        } catch (ExecutionException e) {
            fail(Clause.EXIT_WATCHING.says("onExit() of one of " + MANY + " processes completed exceptionally: "
                    + e.getCause()), e.getCause());
        }
    }

    @Test
    @DisplayName("§6 exit watching: exitWatchMechanism() names the mechanism")
    protected void exitWatchMechanismIsNamed() {
        ProcessControl provider = processControl();
        String mechanism = provider.exitWatchMechanism();
        if (mechanism == null || mechanism.isBlank()) {
            fail(Clause.EXIT_WATCHING.says("exitWatchMechanism() of '" + provider.id() + "' is " + quoted(mechanism)
                    + "; name it, e.g. \"pidfd+epoll\" or \"polling (10 ms)\""));
        }
    }

    // ---------------------------------------------------------------- §7 targets and threads

    @Test
    @DisplayName("§7 targets and threads: close() is idempotent and never throws")
    protected void closeIsIdempotentAndNeverThrows() throws IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), recordedStart(p)), "it is running");
        for (String which : List.of("the first close()", "a second close()")) {
            try {
                target.close();
            } catch (RuntimeException e) {
                fail(Clause.TARGETS.says(which + " of the target for PID " + p.pid() + " threw " + e), e);
            }
        }
        requireUntouched(Clause.TARGETS, p, "after its target was closed");
    }

    @Test
    @DisplayName("§7 targets and threads: 8 threads find() one process at once, then kill() it at once")
    protected void concurrentFindsAndKillsOfOneProcess() throws InterruptedException, IOException {
        ProcessControl provider = available();
        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        ProcessRef ref = ProcessRef.started(p.pid(), recordedStart(p));
        int threads = 8;
        List<Callable<ProcessTarget>> finds = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            finds.add(() -> found(provider, ref, "it is running; " + threads + " threads look it up at once"));
        }
        List<Callable<SignalResult>> kills = new ArrayList<>();
        for (ProcessTarget target : allAtOnce(finds, p, "find()")) {
            kills.add(target::kill);
        }
        long delivered = 0;
        for (SignalResult result : allAtOnce(kills, p, "kill()")) {
            if (result == null || !result.isDeliveredOrGone()) {
                fail(Clause.TARGETS.says("kill() of PID " + p.pid() + " from one of " + threads
                        + " concurrent threads returned " + result));
            }
            delivered += result.status() == SignalResult.Status.DELIVERED ? 1 : 0;
        }
        if (delivered == 0) {
            fail(Clause.TARGETS.says(threads + " concurrent kill() calls of running PID " + p.pid()
                    + " all said ALREADY_EXITED; at least one must have delivered"));
        }
        if (!p.awaitExit(exitTimeout())) {
            fail(Clause.TARGETS.says("PID " + p.pid() + " still runs " + exitTimeout().toSeconds() + " s after "
                    + threads + " concurrent kill() calls"));
        }
    }

    // ---------------------------------------------------------------- §8 reporting

    @Test
    @DisplayName("§8 reporting: every lookup and signal detail names the PID")
    protected void detailsNameThePid() throws IOException, InterruptedException {
        ProcessControl provider = available();
        long self = ProcessHandle.current().pid();
        requireNamesPid(lookup(Clause.REFUSALS, provider, ProcessRef.started(self, Instant.now())).detail(),
                self, "the Refused detail");

        StartedProcess other = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        Instant otherStart = recordedStart(other);
        requireNamesPid(lookup(Clause.IDENTITY, provider, ProcessRef.started(other.pid(),
                otherStart.minus(Duration.ofHours(1)))).detail(), other.pid(), "the NotOurs detail");

        StartedProcess p = start(TestProcessBehaviour.IGNORES_INTERRUPT);
        Instant start = recordedStart(p);
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ProcessRef.started(p.pid(), start));
        requireNamesPid(lookup.detail(), p.pid(), "the " + kind(lookup) + " detail");
        ProcessTarget target = found(provider, ProcessRef.started(p.pid(), start), "it is running");
        requireNamesPid(signal(Clause.SIGNALS, p, "kill()", target::kill).detail(), p.pid(), "the detail of kill()");
        awaitObservedExit(target, p, Clause.SIGNALS, "kill() was called");
        requireNamesPid(signal(Clause.GONE, p, "kill()", target::kill).detail(), p.pid(),
                "the detail of a kill() after the exit");
        requireHarnessSawExit(p);
        requireNamesPid(lookup(Clause.GONE, provider, ProcessRef.started(p.pid(), start)).detail(), p.pid(),
                "the NotRunning detail");
    }

    // ---------------------------------------------------------------- §15 socket listeners

    @Test
    @DisplayName("§15 socket listeners: the kit's own listening socket is found, or the provider says why not")
    protected void socketListenersAreReportedTruthfullyOrNotSearched() throws IOException {
        ProcessControl provider = available();
        Path dir = Files.createDirectories(workDir.resolve("instance"));
        Path sub = Files.createDirectories(dir.resolve("sock"));
        try (ServerSocketChannel listening = unixServer(); ServerSocketChannel nested = unixServer()) {
            listening.bind(UnixDomainSocketAddress.of(dir.resolve("kit.sock")));
            nested.bind(UnixDomainSocketAddress.of(sub.resolve("nested.sock")));
            Files.writeString(dir.resolve("plain.sock"), "not a socket");
            SocketListeners found;
            try {
                found = provider.socketListeners(dir);
            } catch (RuntimeException e) {
                throw new AssertionError(Clause.SOCKET_LISTENERS.says("socketListeners() threw " + e), e);
            }
            if (found == null) {
                fail(Clause.SOCKET_LISTENERS.says("socketListeners() returned null"));
            }
            if (found.listeners().isEmpty()) {
                if (found.gaps().isEmpty() || found.gaps().stream().anyMatch(String::isBlank)) {
                    fail(Clause.SOCKET_LISTENERS.says("this JVM listens on " + dir.resolve("kit.sock")
                            + ", yet socketListeners() found nothing and named no gap"));
                }
                return; // the provider cannot search here, and says why
            }
            long self = ProcessHandle.current().pid();
            Instant start = ProcessHandle.current().info().startInstant().orElse(null);
            for (SocketListener l : found.listeners()) {
                if (l.pid() != self || !"kit.sock".equals(String.valueOf(l.socket().getFileName()))) {
                    fail(Clause.SOCKET_LISTENERS.says("only this JVM (PID " + self + ") listens on kit.sock directly in "
                            + dir + ", yet socketListeners() reported PID " + l.pid() + " on " + l.socket()));
                }
                if (start != null && Duration.between(start, l.startInstant()).abs()
                        .compareTo(StartTimeCheck.DEFAULT_TOLERANCE) > 0) {
                    fail(Clause.SOCKET_LISTENERS.says("PID " + self + " started at " + start
                            + ", yet socketListeners() reported " + l.startInstant()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ServerSocketChannel unixServer() throws IOException {
        try {
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "this OS has no Unix-domain sockets: " + e.getMessage());
            throw e;
        }
    }

    private ProcessControl available() {
        if (control == null) {
            control = processControl();
        }
        Availability availability = control.availability();
        assumeTrue(availability.available(), () -> "provider '" + control.id() + "' is not available here: "
                + availability.cause().orElse("(no cause given)"));
        return control;
    }

    private StartedProcess start(TestProcessBehaviour behaviour) throws IOException {
        Path marker = workDir.resolve("interrupted-" + System.nanoTime());
        return processes.start(testProcessCommand(behaviour, marker), marker);
    }

    private StartedProcess start(TestProcessBehaviour behaviour, List<String> arguments) throws IOException {
        Path marker = workDir.resolve("interrupted-" + System.nanoTime());
        return processes.start(testProcessCommand(behaviour, marker, arguments), marker);
    }

    private Path instanceDirectory(String name) throws IOException {
        return Files.createDirectories(workDir.resolve("lima").resolve(name));
    }

    /** The command line Lima starts a host agent with: it names the instance directory. */
    private static List<String> limaHostAgent(Path instance) {
        return List.of("limactl", "hostagent", "--pidfile", instance.resolve("ha.pid").toString(),
                "--socket", instance.resolve("ha.sock").toString(), instance.getFileName().toString());
    }

    private ProcessRef pidFileWrittenAt(Path instance, StartedProcess p, Instant written) throws IOException {
        Path pidFile = writePidFile(instance, "ha.pid", p.pid());
        Files.setLastModifiedTime(pidFile, FileTime.from(written));
        return ProcessRef.recordedIn(p.pid(), pidFile, Files.getLastModifiedTime(pidFile).toInstant());
    }

    private static Instant recordedStart(StartedProcess p) {
        return p.startInstant().orElseThrow(() -> new IllegalStateException(
                "Conformance kit: the JDK cannot read the start time of test process PID " + p.pid()));
    }

    private Path writePidFile(String name, long pid) throws IOException {
        return writePidFile(workDir, name, pid);
    }

    private static Path writePidFile(Path dir, String name, long pid) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    private ProcessLookup lookup(Clause clause, ProcessControl provider, ProcessRef ref) {
        return lookup(clause, provider, ref, null);
    }

    /** With an owner: {@code find(ref, owner)}; without (null): {@code find(ref)}. */
    private ProcessLookup lookup(Clause clause, ProcessControl provider, ProcessRef ref, ExpectedOwner owner) {
        ProcessLookup lookup;
        try {
            lookup = owner == null ? provider.find(ref) : provider.find(ref, owner);
        } catch (RuntimeException e) {
            throw new AssertionError(clause.says("find() of " + ref + " threw " + e
                    + "; every outcome must be a ProcessLookup"), e);
        }
        if (lookup == null) {
            fail(clause.says("find() of " + ref + " returned null"));
        }
        if (lookup instanceof ProcessLookup.Found f) {
            track(f.target());
        }
        return lookup;
    }

    private ProcessTarget found(ProcessControl provider, ProcessRef ref, String evidence) {
        ProcessLookup lookup = lookup(Clause.IDENTITY, provider, ref);
        if (lookup instanceof ProcessLookup.Found f) {
            return f.target();
        }
        throw new AssertionError(Clause.IDENTITY.says("PID " + ref.pid() + " is running and is the referenced"
                + " process (" + evidence + "), yet find() returned " + describe(lookup)));
    }

    private ProcessTarget track(ProcessTarget target) {
        synchronized (openTargets) {
            openTargets.add(target);
        }
        return target;
    }

    private CompletableFuture<Instant> onExit(ProcessTarget target) {
        CompletableFuture<Instant> exit;
        try {
            exit = target.onExit();
        } catch (RuntimeException e) {
            throw new AssertionError(Clause.EXIT_WATCHING.says("onExit() of PID " + target.pid() + " threw " + e), e);
        }
        if (exit == null) {
            fail(Clause.EXIT_WATCHING.says("onExit() of PID " + target.pid() + " returned null"));
        }
        return exit;
    }

    private void awaitObservedExit(ProcessTarget target, StartedProcess p, Clause cause, String why) {
        awaitFuture(onExit(target), p, cause, why);
    }

    /**
     * Waits for an exit the test caused. On a timeout the harness's own view decides whose
     * fault it is: a process still running means the signal did not work; a process that
     * has gone means onExit() missed it.
     */
    private void awaitFuture(CompletableFuture<Instant> exit, StartedProcess p, Clause cause, String why) {
        try {
            exit.get(exitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (p.isAlive()) {
                fail(cause.says("PID " + p.pid() + " still runs " + exitTimeout().toSeconds() + " s after " + why));
            }
            fail(Clause.EXIT_WATCHING.says("PID " + p.pid() + " has exited (" + why + "), yet onExit() did not"
                    + " complete within " + exitTimeout().toSeconds() + " s"));
        } catch (ExecutionException e) {
            fail(Clause.EXIT_WATCHING.says("onExit() of PID " + p.pid() + " completed exceptionally: " + e.getCause()),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for PID " + p.pid());
        }
    }

    /**
     * Runs the calls on as many threads, released together by one gate, and returns
     * their results; an exception in any call fails the test under §7.
     */
    private <T> List<T> allAtOnce(List<Callable<T>> calls, StartedProcess p, String what)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(exitTimeout().toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw new AssertionError(Clause.TARGETS.says(what + " of PID " + p.pid() + ", called from "
                            + calls.size() + " threads at once, threw " + e.getCause()), e.getCause());
                } catch (TimeoutException e) {
                    fail(Clause.TARGETS.says(what + " of PID " + p.pid() + ", called from " + calls.size()
                            + " threads at once, did not return within " + exitTimeout().toSeconds() + " s"));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            // Its threads end before the next test begins, whose thread count they would blur.
            pool.awaitTermination(exitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void requireHarnessSawExit(StartedProcess p) throws InterruptedException {
        if (!p.awaitExit(exitTimeout())) {
            throw new IllegalStateException("Conformance kit: test process PID " + p.pid()
                    + " did not exit on end of input; check testProcessCommand(...)");
        }
    }

    private static void requireUntouched(Clause clause, StartedProcess p, String when) {
        if (!p.isAlive()) {
            fail(clause.says("PID " + p.pid() + " was ended " + when + "; it must be left alone"));
        }
        if (p.interruptHandlerRan()) {
            fail(clause.says("PID " + p.pid() + " was interrupted " + when + "; it must be left alone"));
        }
    }

    private static SignalResult signal(Clause clause, StartedProcess p, String what, Supplier<SignalResult> call) {
        SignalResult result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            throw new AssertionError(clause.says(what + " of PID " + p.pid() + " threw " + e
                    + "; every outcome must be a SignalResult"), e);
        }
        if (result == null) {
            fail(clause.says(what + " of PID " + p.pid() + " returned null"));
        }
        return result;
    }

    private static void requireStatus(Clause clause, StartedProcess p, String what, SignalResult result,
                                      SignalResult.Status expected) {
        if (result.status() != expected) {
            fail(clause.says(what + " of PID " + p.pid() + " must be " + expected + ", but was " + result.status()
                    + " (" + result.detail() + ")"));
        }
    }

    private static void requireNamesPid(String detail, long pid, String what) {
        if (detail == null || !detail.matches("(?s).*\\b" + pid + "\\b.*")) {
            fail(Clause.REPORTING.says(what + " must name PID " + pid + ", but was " + quoted(detail)));
        }
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet();
    }

    private static String describe(ProcessLookup lookup) {
        return kind(lookup) + " (" + lookup.detail() + ")";
    }

    private static String kind(ProcessLookup lookup) {
        return lookup.getClass().getSimpleName();
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }

    private static boolean isWindows() {
        return HostOs.current() == HostOs.WINDOWS;
    }
}
