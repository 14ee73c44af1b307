// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.Instance;
import java.util.List;
import java.util.Objects;

/**
 * One instance read from a Lima home by {@link LimaHome}: what the stopper needs to stop
 * it, its status as Lima would report it, and whatever was wrong with its files.
 *
 * <p>The reader sets {@link InstanceStatus#BROKEN} exactly when there is at least one
 * problem: a missing or unreadable {@code lima.yaml}, a PID file that holds no valid PID,
 * a host agent running without its driver (or the reverse), or a recorded process whose
 * identity could not be proven. A Broken instance can still be stopped: its
 * {@link #instance()} holds every process that was recorded validly.
 *
 * @param instance the instance, ready for an {@link dev.lifecycle.api.InstanceStopper}
 * @param status Running, Stopped or Broken, decided as Lima's {@code inspectStatus} does
 * @param problems what is wrong, each naming the file or process; empty unless Broken
 */
public record LimaInstance(Instance instance, InstanceStatus status, List<String> problems) {

    /**
     * Validates and copies the problems.
     *
     * @throws IllegalArgumentException if the status is Broken and no problem says why
     */
    public LimaInstance {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
        if (status == InstanceStatus.BROKEN && problems.isEmpty()) {
            throw new IllegalArgumentException("Instance '" + instance.name()
                    + "' is Broken without a problem: give at least one reason");
        }
    }

    /**
     * @return the instance name
     */
    public String name() {
        return instance.name();
    }
}
