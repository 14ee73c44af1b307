// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.core.internal.discovery.TolerantServiceLoader;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery of {@link ProcessControl} providers through {@link java.util.ServiceLoader}, in the
 * manner of SLF4J: a provider that fails to load is logged and skipped; the available
 * provider with the highest priority wins; the system property {@value #FORCE_PROPERTY}
 * forces one by id; when none is usable the error names the artifact to add.
 */
public final class ProcessControls {

    /** System property that forces a provider by id, e.g. {@code -Dlifecycle.processControl=jdk}. */
    public static final String FORCE_PROPERTY = "lifecycle.processControl";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessControls.class);

    private ProcessControls() {
    }

    /** Discovery cache: selection happens once per JVM, on first use. */
    private static final class Selected {
        static final ProcessControl INSTANCE = select(ProcessControls.class.getClassLoader(),
                Optional.ofNullable(System.getProperty(FORCE_PROPERTY)).filter(s -> !s.isBlank()));
        static final Optional<String> DEGRADATION = System.getProperty(FORCE_PROPERTY, "").isBlank()
                ? degradation(load(ProcessControls.class.getClassLoader()), INSTANCE) : Optional.empty();
    }

    /**
     * The provider this JVM uses, selected once on first call.
     *
     * @return the selected provider
     * @throws IllegalStateException if no provider is usable or the forced one is missing
     */
    public static ProcessControl selected() {
        return Selected.INSTANCE;
    }

    /**
     * Why this JVM runs degraded, if it does: a provider made for this OS is on the class path
     * but cannot work here (JNA cannot load, for one), so {@link #selected()} is a lower one,
     * such as the pure-JDK fallback. Selection logs the same text at WARN, and every stop
     * records it as its first step ({@link dev.lifecycle.api.Steps#PROCESS_CONTROL}).
     *
     * @return the providers concerned, the cause, what it costs and how to fix it; empty when
     *     the selected provider is the best for this OS, or was forced with {@value #FORCE_PROPERTY}
     * @throws IllegalStateException if no provider is usable
     */
    public static Optional<String> degradation() {
        return Selected.DEGRADATION;
    }

    /**
     * Why a given selection is degraded, judged afresh (not cached) on a class loader.
     *
     * @param loader where to look for providers
     * @param selected the provider that was selected
     * @return as {@link #degradation()}
     */
    public static Optional<String> degradation(ClassLoader loader, ProcessControl selected) {
        return degradation(load(loader), selected);
    }

    private static Optional<String> degradation(List<ProcessControl> loaded, ProcessControl selected) {
        Optional<HostOs> here = Optional.of(HostOs.current());
        List<ProcessControl> missing = loaded.stream()
                .filter(p -> p.priority() > selected.priority() && p.hostOs().equals(here) && !p.availability().available())
                .collect(Collectors.toList());
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String cost = selected.priority() <= ProcessControl.FALLBACK_PRIORITY
                ? "it cannot pin a PID, notices exits by polling and counts an exited process that nobody reaped as"
                        + " running, so a stop can be slow or fail"
                : "it has a lower priority than the provider made for this OS";
        return Optional.of("process control '" + selected.id() + "' stands in for " + missing.stream()
                .map(p -> "'" + p.id() + "'").collect(Collectors.joining(", ")) + ", made for this OS but not"
                + " available here (" + causes(missing) + "); " + cost + ". Fix the cause to use "
                + (missing.size() == 1 ? "it." : "them."));
    }

    /**
     * Runs discovery afresh (not cached) on a class loader.
     *
     * @param loader where to look for providers
     * @param forcedId a provider id to force, as the system property would
     * @return the selected provider
     * @throws IllegalStateException if no provider is usable or the forced one is missing or unavailable
     */
    public static ProcessControl select(ClassLoader loader, Optional<String> forcedId) {
        List<ProcessControl> loaded = load(loader);
        if (forcedId.isPresent()) {
            String id = forcedId.get().strip();
            ProcessControl forced = loaded.stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Lifecycle: " + FORCE_PROPERTY + "=" + id
                            + " names no provider on the class path; found: " + ids(loaded)
                            + ". Remove the property or add the artifact that provides '" + id + "'."));
            Availability availability = forced.availability();
            if (!availability.available()) {
                throw new IllegalStateException("Lifecycle: forced provider '" + id + "' is not available here: "
                        + availability.cause().orElse("no cause given") + ". Remove " + FORCE_PROPERTY
                        + " to select one automatically.");
            }
            LOG.debug("Lifecycle: using process control '{}' (forced by {}), exit watching by {}",
                    id, FORCE_PROPERTY, forced.exitWatchMechanism());
            return forced;
        }
        List<ProcessControl> available = new ArrayList<>();
        for (ProcessControl p : loaded) {
            Availability a = p.availability();
            if (a.available()) {
                available.add(p);
            } else {
                LOG.debug("Lifecycle: process control '{}' is not available here: {}", p.id(),
                        a.cause().orElse(""));
            }
        }
        ProcessControl best = available.stream()
                .max(Comparator.comparingInt(ProcessControl::priority))
                .orElseThrow(() -> new IllegalStateException("Lifecycle: no usable ProcessControl provider"
                        + (loaded.isEmpty() ? " was found on the class path" : " (found: " + causes(loaded) + ")")
                        + ". Add io.github.lifecycle-vm:lifecycle-unix (Linux, macOS), io.github.lifecycle-vm:lifecycle-windows"
                        + " (Windows) or io.github.lifecycle-vm:lifecycle-core (pure-JDK fallback) to the class path."));
        Optional<String> degraded = degradation(loaded, best);
        if (degraded.isPresent()) {
            LOG.warn("Lifecycle: running degraded: {}", degraded.get());
        } else {
            LOG.debug("Lifecycle: using process control '{}' (priority {}), exit watching by {}",
                    best.id(), best.priority(), best.exitWatchMechanism());
        }
        return best;
    }

    /**
     * Lists every provider discovery can load, with its availability, highest priority first.
     *
     * @param loader where to look
     * @return what was found
     */
    public static List<ProviderInfo> discover(ClassLoader loader) {
        return load(loader).stream()
                .sorted(Comparator.comparingInt(ProcessControl::priority).reversed())
                .map(p -> new ProviderInfo(p.id(), p.getClass().getName(), p.priority(), p.availability()))
                .collect(Collectors.toUnmodifiableList());
    }

    private static List<ProcessControl> load(ClassLoader loader) {
        return TolerantServiceLoader.load(ProcessControl.class, loader);
    }

    private static String ids(List<ProcessControl> loaded) {
        return loaded.isEmpty() ? "none" : loaded.stream().map(ProcessControl::id).collect(Collectors.joining(", "));
    }

    private static String causes(List<ProcessControl> loaded) {
        return loaded.stream().map(p -> p.id() + ": " + p.availability().cause().orElse("available"))
                .collect(Collectors.joining("; "));
    }
}
