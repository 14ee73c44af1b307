// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.stop.ScriptProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A WSL2 instance directory as Lima leaves it: {@code lima.yaml} with {@code vmType: wsl2},
 * the agent's logs, {@code ha.sock}, a {@code .tmp} file, {@code ha.pid} written after the
 * agent started, and no driver PID file (WSL2 has none). Additional disks are locked the
 * way Lima locks them: {@code _disks/<disk>/in_use_by} is a symlink to the instance directory.
 */
final class Wsl2InstanceDir implements AutoCloseable {

    /** Files the stop must never touch. */
    static final List<String> KEPT = List.of("lima.yaml", "ha.stdout.log", "ha.stderr.log");
    /** Files the cleanup removes once every part of the instance is gone. */
    static final List<String> STALE = List.of("ha.pid", "ha.sock", "cidata.tmp");

    final Path home;
    final Path dir;
    private final Instance.Builder builder;
    private final List<ScriptProcess> agents = new ArrayList<>();

    Wsl2InstanceDir(Path home, String name) throws IOException {
        this.home = home;
        this.dir = Files.createDirectories(home.resolve(name));
        Files.writeString(dir.resolve("lima.yaml"), "vmType: wsl2\nadditionalDisks:\n- data\n");
        Files.writeString(dir.resolve("ha.stdout.log"), "{\"status\":{\"running\":true}}\n");
        Files.writeString(dir.resolve("ha.stderr.log"), "");
        Files.writeString(dir.resolve("ha.sock"), "");
        Files.writeString(dir.resolve("cidata.tmp"), "");
        this.builder = Instance.builder(name, home).vmType(VmType.WSL2);
    }

    /**
     * Starts an agent with the command line Lima gives it, naming this directory, and records it in {@code ha.pid}.
     *
     * @param script what the agent does ({@link ScriptProcess#ignoring()}, {@link ScriptProcess#graceful})
     * @return the running agent
     */
    ScriptProcess agent(String script) throws IOException {
        ScriptProcess agent = ScriptProcess.start(script, ScriptProcess.limaHostAgent(dir));
        agents.add(agent);
        builder.hostAgent(writePid(agent.pid()));
        return agent;
    }

    /** Records an agent that has already exited: {@code ha.pid} is stale. */
    void staleAgent() throws IOException {
        ScriptProcess dead = ScriptProcess.start(ScriptProcess.ignoring());
        dead.close();
        if (dead.isAlive()) {
            throw new IllegalStateException("agent PID " + dead.pid() + " survived SIGKILL");
        }
        builder.hostAgent(writePid(dead.pid()));
    }

    /** Adds the additional disk {@code disk} and locks it for this instance. */
    void lockedDisk(String disk) throws IOException {
        builder.addAdditionalDisk(disk);
        Path d = Files.createDirectories(home.resolve("_disks").resolve(disk));
        Files.writeString(d.resolve("datadisk"), "data");
        Files.createSymbolicLink(d.resolve("in_use_by"), dir);
    }

    /** @return whether the disk's {@code in_use_by} link still exists */
    boolean isLocked(String disk) {
        return Files.exists(home.resolve("_disks").resolve(disk).resolve("in_use_by"), LinkOption.NOFOLLOW_LINKS);
    }

    boolean exists(String file) {
        return Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS);
    }

    Instance instance() {
        return builder.build();
    }

    private ProcessRef writePid(long pid) throws IOException {
        Path f = dir.resolve("ha.pid");
        Files.writeString(f, pid + "\n", StandardCharsets.US_ASCII);
        return ProcessRef.recordedIn(pid, f, Files.getLastModifiedTime(f).toInstant());
    }

    @Override
    public void close() {
        agents.forEach(ScriptProcess::close);
    }
}
