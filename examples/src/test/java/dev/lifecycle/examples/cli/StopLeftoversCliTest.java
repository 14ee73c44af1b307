// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.core.testing.ImmutableDirectory;
import dev.lifecycle.examples.demo.SimulatedInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop that leaves something behind is not a success for the CLI either. */
class StopLeftoversCliTest {

    @TempDir
    Path home;

    private final SimulatedHomes homes = new SimulatedHomes();
    private ImmutableDirectory immutable;

    @AfterEach
    void undo() throws Exception {
        if (immutable != null) {
            immutable.close();
        }
        homes.close();
    }

    @Test
    void aDiskLockThatCannotBeReleasedExitsWithOneAndSaysHowToReleaseIt() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("alpha", VmType.QEMU).withDisk("data"));
        Optional<ImmutableDirectory> guard = ImmutableDirectory.make(home.resolve("_disks/data"));
        assumeTrue(guard.isPresent(), ImmutableDirectory.unsupportedReason());
        immutable = guard.get();

        Cli.Result r = Cli.run("stop", "--force", "--lima-home", home.toString(), "alpha");

        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("alpha\\s+FAILED\\s+.*")), r.out());
        assertTrue(r.out().contains("limactl disk unlock data"), r.out());
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "the lock is still there");
    }
}
