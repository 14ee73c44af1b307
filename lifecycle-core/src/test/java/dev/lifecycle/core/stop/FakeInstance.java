// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lima-style instance directory on disk backed by real processes: {@code lima.yaml},
 * a {@code disk} image, {@code ha.stdout.log}, sockets and PID files written the way
 * Lima writes them (after the process started). The processes carry the command lines Lima
 * gives them, which name this directory ({@code --pidfile <dir>/ha.pid}, ...).
 */
final class FakeInstance implements AutoCloseable {

    final Path home;
    final Path dir;
    final String name;
    final List<ScriptProcess> processes = new ArrayList<>();
    private final Instance.Builder builder;

    FakeInstance(Path home, String name) throws IOException {
        this.home = home;
        this.name = name;
        this.dir = Files.createDirectories(home.resolve(name));
        Files.writeString(dir.resolve("lima.yaml"), "vmType: qemu\n");
        Files.writeString(dir.resolve("disk"), "disk image bytes");
        Files.writeString(dir.resolve("ha.stdout.log"), "{\"status\":{\"running\":true}}\n");
        Files.writeString(dir.resolve("ha.sock"), "");
        Files.writeString(dir.resolve("qemu.sock"), "");
        Files.writeString(dir.resolve("cidata.tmp"), "");
        this.builder = Instance.builder(name, home).vmType(VmType.QEMU);
    }

    ScriptProcess agent(String script) throws IOException {
        ScriptProcess p = start(script, ScriptProcess.limaHostAgent(dir));
        builder.hostAgent(writePid("ha.pid", p.pid()));
        return p;
    }

    ScriptProcess driver(String script) throws IOException {
        ScriptProcess p = start(script, ScriptProcess.limaQemu(dir));
        builder.driver(writePid("qemu.pid", p.pid()));
        return p;
    }

    ScriptProcess driverServer(String file, String script) throws IOException {
        ScriptProcess p = start(script, ScriptProcess.limaDriverServer(dir));
        builder.addDriverServer(writePid(file, p.pid()));
        return p;
    }

    /** Records as the driver the process whose PID another process wrote into {@code file} (as QEMU's -pidfile). */
    ProcessRef driverFromPidFile(String file) throws IOException {
        Path f = dir.resolve(file);
        long pid = Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).strip());
        ProcessRef ref = ProcessRef.recordedIn(pid, f, Files.getLastModifiedTime(f).toInstant());
        builder.driver(ref);
        return ref;
    }

    /** Records a host agent that has exited, as after a crash of the agent: its PID file stays. */
    void deadAgent() throws IOException {
        ScriptProcess dead = ScriptProcess.start("echo ready; exit 0");
        try {
            if (!dead.awaitExit(5)) {
                throw new IOException("the short-lived stand-in did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        builder.hostAgent(writePid("ha.pid", dead.pid()));
    }

    FakeInstance disk(String disk) throws IOException {
        builder.addAdditionalDisk(disk);
        Path d = Files.createDirectories(home.resolve("_disks").resolve(disk));
        Files.writeString(d.resolve("datadisk"), "data");
        return this;
    }

    /** Locks a disk the way Lima does: {@code in_use_by} is a symlink to the owner's directory. */
    static void lock(Path home, String disk, Path ownerDir) throws IOException {
        Path d = Files.createDirectories(home.resolve("_disks").resolve(disk));
        Path lock = d.resolve("in_use_by");
        Files.deleteIfExists(lock);
        Files.createSymbolicLink(lock, ownerDir);
    }

    ProcessRef writePid(String file, long pid) throws IOException {
        Path f = dir.resolve(file);
        Files.writeString(f, pid + "\n", StandardCharsets.US_ASCII);
        return ProcessRef.recordedIn(pid, f, Files.getLastModifiedTime(f).toInstant());
    }

    private ScriptProcess start(String script, List<String> commandLine) throws IOException {
        ScriptProcess p = ScriptProcess.start(script, commandLine);
        processes.add(p);
        return p;
    }

    Instance.Builder builder() {
        return builder;
    }

    Instance instance() {
        return builder.build();
    }

    boolean exists(String file) {
        return Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        processes.forEach(ScriptProcess::close);
    }
}
