// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import static dev.lifecycle.core.testing.TestProcesses.isRunning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.VmStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The distro's state as Lima's {@code limactl list} reads it, from a stand-in
 * {@code wsl.exe --list --verbose}; reading never changes a distro.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in wsl.exe is a POSIX sh script")
class Wsl2DistroStatusTest {

    private static final String VERBOSE = StandInWsl.LIST_VERBOSE;

    private final Wsl2VmTypeExtension extension = new Wsl2VmTypeExtension();
    private final LeftoverProcesses leftovers = new LeftoverProcesses();

    @TempDir
    Path home;
    @TempDir
    Path bin;

    @AfterEach
    void killLeftovers() {
        leftovers.close();
    }

    private VmStatus status(Path wsl, Duration commandTimeout) {
        RecordingContext context = new RecordingContext(StopOptions.builder().commandTimeout(commandTimeout).build(),
                Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, wsl.toString()));
        Optional<VmStatus> status = extension.status(Instance.builder("dev", home).vmType(VmType.WSL2).build(), context);
        assertTrue(status.isPresent(), "the WSL2 extension always reports");
        assertTrue(context.commandsRun().stream().allMatch(c -> c.timeout().equals(commandTimeout)),
                "every wsl.exe call is bounded by the command timeout: " + context.commandsRun());
        return status.get();
    }

    private VmStatus status(Path wsl) {
        return status(wsl, Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @EnumSource(StandInWsl.Encoding.class)
    void aRunningDistroIsRunningInEveryEncoding(StandInWsl.Encoding encoding) throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).encoding(encoding).defaultDistro("Ubuntu").running("Ubuntu", "lima-dev")
                .stopped("lima-devel");

        VmStatus status = status(wsl.install());

        assertEquals(VmStatus.State.RUNNING, status.state(), status.detail());
        assertEquals("wsl.exe --list --verbose lists distro lima-dev as Running", status.detail());
        assertEquals(List.of(VERBOSE), wsl.calls(), "one call, nothing terminated");
        assertEquals(List.of("Ubuntu", "lima-dev"), wsl.runningNow());
    }

    @Test
    void theDefaultDistroMarkIsSkipped() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).encoding(StandInWsl.Encoding.UTF16LE).defaultDistro("lima-dev")
                .stopped("lima-dev");

        assertEquals(VmStatus.State.STOPPED, status(wsl.install()).state());
    }

    @Test
    void installingAndUnregisteredDistrosAreNamedAsLimaNamesThem() throws IOException {
        Path installing = StandInWsl.in(bin).running("Ubuntu").installing("lima-dev").install();
        assertEquals(VmStatus.State.INSTALLING, status(installing).state());

        Path absent = StandInWsl.in(bin).running("Ubuntu").stopped("lima-devel").install();
        VmStatus status = status(absent);
        assertEquals(VmStatus.State.UNINITIALIZED, status.state(), status.detail());
        assertTrue(status.detail().contains("distro lima-dev is not registered"), status.detail());
    }

    @Test
    void noDistributionAtAllIsBrokenAsInLima() throws IOException {
        Path wsl = StandInWsl.in(bin).encoding(StandInWsl.Encoding.UTF16LE_BOM)
                .behaviour(StandInWsl.Behaviour.NO_DISTRIBUTIONS).install();

        VmStatus status = status(wsl);

        assertEquals(VmStatus.State.BROKEN, status.state(), status.detail());
        assertTrue(status.detail().contains("no installed distributions"), status.detail());
    }

    @Test
    void aFailingWslIsUnknownNeverStopped() throws IOException {
        Path wsl = StandInWsl.in(bin).running("lima-dev").behaviour(StandInWsl.Behaviour.LIST_FAILS).install();

        VmStatus status = status(wsl);

        assertEquals(VmStatus.State.UNKNOWN, status.state());
        assertTrue(status.detail().contains("exited with code 255"), status.detail());
        assertTrue(status.detail().contains("Catastrophic failure"), status.detail());
        assertTrue(status.detail().contains("lima-dev"), status.detail());
    }

    @Test
    void aMissingWslIsUnknownAndSaysHowToPointAtIt() {
        VmStatus status = status(bin.resolve("no-such-wsl.exe"));

        assertEquals(VmStatus.State.UNKNOWN, status.state());
        assertTrue(status.detail().contains("could not start wsl.exe"), status.detail());
        assertTrue(status.detail().contains("read the state of distro lima-dev"), status.detail());
        assertTrue(status.detail().contains("-Dlifecycle.wsl.exe"), status.detail());
    }

    @Test
    void aHangingWslIsKilledAtTheCommandTimeoutAndTheStateIsUnknown() throws IOException {
        StandInWsl wsl = StandInWsl.in(bin).running("lima-dev").behaviour(StandInWsl.Behaviour.HANG_ON_LIST);

        VmStatus status = status(wsl.install(), Duration.ofSeconds(2));

        long script = leftovers.readPid(wsl.wslPidFile());
        long sleep = leftovers.readPid(wsl.sleepPidFile());
        assertEquals(VmStatus.State.UNKNOWN, status.state());
        assertTrue(status.detail().contains("did not finish within 2 s"), status.detail());
        assertFalse(isRunning(script), "the stand-in (PID " + script + ") was killed");
        assertFalse(isRunning(sleep), "its child sleep (PID " + sleep + ") was killed");
    }

    @Test
    void theStateColumnFollowsTheNameWhateverTheHeaderSays() {
        List<String> rows = List.of("NAME                   ZUSTAND         VERSION", "* Ubuntu  Running 2",
                "lima-dev    Stopped    2", "  LIMA-OTHER  Running  2");

        assertEquals(Optional.of("Stopped"), Wsl2DistroStatus.stateOf(rows, "lima-dev"));
        assertEquals(Optional.of("Running"), Wsl2DistroStatus.stateOf(rows, "lima-other"), "names ignore case");
        assertEquals(Optional.of("Running"), Wsl2DistroStatus.stateOf(rows, "Ubuntu"));
        assertEquals(Optional.empty(), Wsl2DistroStatus.stateOf(rows, "lima-de"));
        assertEquals(Optional.empty(), Wsl2DistroStatus.stateOf(List.of("lima-dev"), "lima-dev"), "a row without state");
    }
}
