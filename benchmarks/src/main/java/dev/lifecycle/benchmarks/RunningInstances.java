// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.api.Instance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * N instances in one {@link BenchLimaHome}, each with two real processes that are not
 * children of the measuring JVM: a host agent and a QEMU stand-in, each with the command
 * line Lima gives it. Started before any clock starts.
 *
 * @param instances the instances, as the stopper gets them
 * @param agentPids the host agents, in instance order
 * @param driverPids the drivers, in instance order
 */
record RunningInstances(List<Instance> instances, List<Long> agentPids, List<Long> driverPids) {

    /**
     * Starts the processes of {@code n} instances named {@code prefix-000}, ... and writes
     * their directories.
     *
     * @param delayMs how long a graceful agent takes to stop its driver and exit after the interrupt
     */
    static RunningInstances start(AgentHostClient agents, BenchLimaHome home, AgentKind kind, int n, long delayMs,
                                  String prefix) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        List<StandIn> drivers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("%s-%04d", prefix, i);
            names.add(name);
            drivers.add(new StandIn(kind, StandIn.Role.DRIVER, 0, 0, Optional.of(home.directory(name))));
        }
        // Drivers first: a graceful agent names its driver's PID in its script.
        List<Long> driverPids = agents.spawnAll(drivers);
        List<StandIn> agentsToSpawn = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agentsToSpawn.add(new StandIn(kind, StandIn.Role.AGENT, delayMs, driverPids.get(i),
                    Optional.of(home.directory(names.get(i)))));
        }
        List<Long> agentPids = agents.spawnAll(agentsToSpawn);
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            instances.add(home.instance(names.get(i), agentPids.get(i), driverPids.get(i)));
        }
        return new RunningInstances(List.copyOf(instances), List.copyOf(agentPids), List.copyOf(driverPids));
    }

    /** @return every PID, agents first */
    List<Long> allPids() {
        List<Long> all = new ArrayList<>(agentPids);
        all.addAll(driverPids);
        return all;
    }
}
