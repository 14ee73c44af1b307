package dev.lifecycle.core;

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
            LOG.info("Lifecycle: using process control '{}' (forced by {}), exit watching by {}",
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
        LOG.info("Lifecycle: using process control '{}' (priority {}), exit watching by {}",
                best.id(), best.priority(), best.exitWatchMechanism());
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
