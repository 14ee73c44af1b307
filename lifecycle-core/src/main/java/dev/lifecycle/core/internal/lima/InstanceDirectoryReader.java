// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one instance directory the way Lima's {@code store.Inspect} does: its configuration
 * ({@code lima.yaml} merged with {@code _config/default.yaml} and {@code _config/override.yaml},
 * {@link LimaConfig}) for the VM type and disks, {@code lima-version}, then the PID files,
 * then which of the recorded processes still run, then the status. Never throws for what it finds on disk: every defect is a
 * problem in the result and makes the instance Broken, as Lima does.
 */
public final class InstanceDirectoryReader {

    /** The host agent's PID file. */
    static final String HOST_AGENT_PID = "ha.pid";

    private static final Logger LOG = LoggerFactory.getLogger(InstanceDirectoryReader.class);

    private final Supplier<ProcessControl> control;
    private final HostOs os;
    private final VmStatusReader vmStatus;

    /**
     * @param control the provider that checks liveness, asked on first use
     * @param os the host operating system, for the default VM type and the VM types that can run
     * @param vmStatus asks an instance's VM-type extension what its tool says about the VM
     */
    public InstanceDirectoryReader(Supplier<ProcessControl> control, HostOs os, VmStatusReader vmStatus) {
        this.control = Objects.requireNonNull(control, "control");
        this.os = Objects.requireNonNull(os, "os");
        this.vmStatus = Objects.requireNonNull(vmStatus, "vmStatus");
    }

    /**
     * Reads {@code limaHome/name}, which the caller has found to be a directory.
     *
     * @param limaHome the Lima home
     * @param name a valid instance name
     * @return the instance with its status and problems
     */
    public LimaInstance read(Path limaHome, String name) {
        Path dir = limaHome.resolve(name);
        List<String> problems = new ArrayList<>();

        // Never lima.yaml alone: Lima merges _config/default.yaml and _config/override.yaml in.
        LimaConfig config = LimaConfig.read(limaHome, dir);
        problems.addAll(config.problems());
        VmType vmType = config.vmType().orElseGet(() -> DefaultVmType.resolve(dir, os, config.arch(),
                System.getProperty("os.arch", "")));
        Instance.Builder builder = Instance.builder(name, limaHome).directory(dir).vmType(vmType);
        config.additionalDisks().forEach(builder::addAdditionalDisk);
        if (!config.problems().isEmpty()) {
            builder.configProblem(String.join("; ", config.problems()));
        }
        LimaVersionFile.read(dir, problems).ifPresent(builder::limaVersion);

        Optional<ProcessRef> agent = readPidFile(dir.resolve(HOST_AGENT_PID), problems);
        agent.ifPresent(builder::hostAgent);
        Optional<ProcessRef> driver = Optional.empty();
        if (StatusRule.hasDriverPidFile(vmType)) {
            driver = readPidFile(dir.resolve(vmType.pidFileName()), problems);
            driver.ifPresent(builder::driver);
        }
        for (Path file : driverServerPidFiles(dir, vmType, problems)) {
            readPidFile(file, problems).ifPresent(builder::addDriverServer);
        }
        Instance instance = builder.build();

        Optional<String> cannotRun = HostVmTypes.cannotRun(vmType, os);
        cannotRun.ifPresent(problems::add);
        boolean agentRunning = agent.map(ref -> running(instance, "host agent", ref, problems)).orElse(false);
        if (agentRunning) {
            HostAgentSocket.problem(dir).ifPresent(problems::add);
        }
        StatusRule.Decision decision = cannotRun.isPresent()
                ? byPidFiles(instance, agentRunning, problems)
                : byVmTypeThenPidFiles(instance, agentRunning, problems);
        decision.problem().ifPresent(problems::add);
        // Lima marks an instance Broken whenever it has errors; doing the same keeps
        // "Broken" meaning "look at the problems" and never hides one behind Running.
        InstanceStatus status = problems.isEmpty() ? decision.status() : InstanceStatus.BROKEN;
        LOG.debug("Lima instance '{}': {} (vmType {}, host agent {}, driver {}){}", name, status, vmType,
                agent.map(ProcessRef::toString).orElse("none"), driver.map(ProcessRef::toString).orElse("none"),
                problems.isEmpty() ? "" : ", problems: " + problems);
        return new LimaInstance(instance, status, problems);
    }

    /**
     * Lima asks the VM type's driver first and falls back to the PID files when it has
     * nothing to say; a VM type without a driver PID file (WSL2) needs its extension.
     */
    private StatusRule.Decision byVmTypeThenPidFiles(Instance instance, boolean agentRunning, List<String> problems) {
        VmStatusReader.Answer answer = vmStatus.read(instance);
        if (answer instanceof VmStatusReader.Answer.Reported reported) {
            LOG.debug("Lima instance '{}': extension '{}' reports {}: {}", instance.name(), reported.extension(),
                    reported.status().state(), reported.status().detail());
            return StatusRule.decide(instance.vmType(), agentRunning, reported.status());
        }
        if (answer instanceof VmStatusReader.Answer.NoExtension && !StatusRule.hasDriverPidFile(instance.vmType())) {
            problems.add("no VM-type extension reads the state of " + instance.vmType() + " VMs, so whether this"
                    + " instance's VM runs is not known; add " + extensionArtifact(instance.vmType()));
        }
        return byPidFiles(instance, agentRunning, problems);
    }

    private StatusRule.Decision byPidFiles(Instance instance, boolean agentRunning, List<String> problems) {
        VmType vmType = instance.vmType();
        Optional<Boolean> driverRunning = StatusRule.hasDriverPidFile(vmType)
                ? Optional.of(instance.driver().map(ref -> running(instance, vmType + " driver", ref, problems))
                        .orElse(false))
                : Optional.empty();
        return StatusRule.decide(vmType, agentRunning, driverRunning);
    }

    private static String extensionArtifact(VmType vmType) {
        return VmType.WSL2.equals(vmType) ? "dev.lifecycle:lifecycle-wsl2 to the class path"
                : "the VM-type extension for " + vmType + " to the class path";
    }

    private static Optional<ProcessRef> readPidFile(Path file, List<String> problems) {
        PidFile.Result result = PidFile.read(file);
        if (result instanceof PidFile.Valid valid) {
            return Optional.of(valid.ref());
        }
        if (result instanceof PidFile.Invalid invalid) {
            problems.add(invalid.reason());
        }
        return Optional.empty();
    }

    private static List<Path> driverServerPidFiles(Path dir, VmType vmType, List<String> problems) {
        try {
            return DriverServerPidFiles.list(dir, vmType);
        } catch (IOException | RuntimeException e) {
            problems.add(dir + ": cannot list the directory for driver server PID files: " + e);
            return List.of();
        }
    }

    private boolean running(Instance instance, String role, ProcessRef ref, List<String> problems) {
        ProcessLiveness.Result result = ProcessLiveness.check(control.get(), ref, LimaRoles.owner(instance, ref));
        LOG.debug("Lima instance '{}': {} {}: {} ({})", instance.name(), role, ref, result.state(), result.detail());
        if (result.state() == ProcessLiveness.State.UNKNOWN) {
            problems.add(role + " " + ref + ": cannot tell whether it is still the recorded process, so it is"
                    + " counted as running: " + result.detail());
        }
        return result.countsAsRunning();
    }
}
