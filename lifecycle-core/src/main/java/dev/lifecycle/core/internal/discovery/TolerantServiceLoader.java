// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.discovery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every implementation of a service, skipping (and logging) each one that fails to
 * load — SLF4J's lesson: one broken provider must not take discovery down with it.
 */
public final class TolerantServiceLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TolerantServiceLoader.class);

    private TolerantServiceLoader() {
    }

    /**
     * @param service the service type
     * @param loader where to look
     * @param <S> the service type
     * @return the implementations that loaded, in discovery order
     */
    public static <S> List<S> load(Class<S> service, ClassLoader loader) {
        List<S> result = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                result.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("Lifecycle: skipped a {} that failed to load: {}", service.getSimpleName(), e.toString());
            }
        }
        return result;
    }
}
