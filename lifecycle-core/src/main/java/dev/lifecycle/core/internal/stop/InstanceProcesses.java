package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity check of every recorded process of one instance, done once before any
 * signal, and the pinned targets it produced. Closing it releases every pin.
 */
final class InstanceProcesses implements AutoCloseable {

    private final Instance instance;
    private final Map<Long, ProcessLookup> byPid = new LinkedHashMap<>();

    private InstanceProcesses(Instance instance) {
        this.instance = instance;
    }

    /**
     * Looks up and proves every process of the instance, recording one identify step each.
     */
    static InstanceProcesses identify(Instance instance, ProcessControl control, StopRecorder recorder) {
        InstanceProcesses p = new InstanceProcesses(instance);
        for (ProcessRef ref : instance.processes()) {
            long start = System.nanoTime();
            ProcessLookup lookup;
            try {
                lookup = control.find(ref);
            } catch (RuntimeException e) {
                lookup = new ProcessLookup.Unknown("provider '" + control.id()
                        + "' failed to check identity: " + e);
            }
            p.byPid.put(ref.pid(), lookup);
            StepStatus status;
            String what;
            if (lookup instanceof ProcessLookup.Found) {
                status = StepStatus.SUCCEEDED;
                what = "running and identity proven";
            } else if (lookup instanceof ProcessLookup.NotRunning) {
                status = StepStatus.SKIPPED;
                what = "not running";
            } else if (lookup instanceof ProcessLookup.NotOurs) {
                status = StepStatus.REFUSED;
                what = "PID now names another process; it will not be signalled, the instance's process is gone";
            } else if (lookup instanceof ProcessLookup.Refused) {
                status = StepStatus.REFUSED;
                what = "never signalled";
            } else {
                status = StepStatus.FAILED;
                what = "identity cannot be proven; it will not be signalled and may still run";
            }
            recorder.add(StepResult.of(Steps.IDENTIFY, status, Duration.ofNanos(System.nanoTime() - start), ref.pid(),
                    p.role(ref) + ref.pidFile().map(f -> " (from " + f.getFileName() + ")").orElse("") + ": " + what
                            + " — " + lookup.detail()));
        }
        return p;
    }

    private String role(ProcessRef ref) {
        List<String> roles = new ArrayList<>();
        if (instance.driver().filter(d -> d.pid() == ref.pid()).isPresent()) {
            roles.add("driver");
        }
        if (instance.driverServers().stream().anyMatch(s -> s.pid() == ref.pid())) {
            roles.add("driver server");
        }
        if (instance.hostAgent().filter(h -> h.pid() == ref.pid()).isPresent()) {
            roles.add("host agent");
        }
        return String.join(" and ", roles);
    }

    /** The pinned target for a reference, if its process is running and proven. */
    Optional<ProcessTarget> target(ProcessRef ref) {
        ProcessLookup lookup = byPid.get(ref.pid());
        return lookup instanceof ProcessLookup.Found found ? Optional.of(found.target()) : Optional.empty();
    }

    /** The lookup for a reference. */
    ProcessLookup lookup(ProcessRef ref) {
        return byPid.get(ref.pid());
    }

    /** Targets still alive now. */
    List<ProcessTarget> alive() {
        List<ProcessTarget> alive = new ArrayList<>();
        for (ProcessLookup l : byPid.values()) {
            if (l instanceof ProcessLookup.Found found && found.target().isAlive()) {
                alive.add(found.target());
            }
        }
        return alive;
    }

    /** True if any process could not be proven either way: it may still run, unseen. */
    boolean anyUnprovable() {
        return byPid.values().stream().anyMatch(ProcessLookup.Unknown.class::isInstance);
    }

    @Override
    public void close() {
        for (ProcessLookup l : byPid.values()) {
            if (l instanceof ProcessLookup.Found found) {
                found.target().close();
            }
        }
    }
}
