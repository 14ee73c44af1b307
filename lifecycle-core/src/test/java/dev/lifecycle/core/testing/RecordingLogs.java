// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider that records every log call, at every level, in memory, so that a test
 * can assert what the library logs and at which level. It is not registered as a service
 * (the test class path has slf4j-simple); a JVM selects it explicitly with
 * {@code -Dslf4j.provider=dev.lifecycle.core.testing.RecordingLogs}.
 */
public final class RecordingLogs implements SLF4JServiceProvider {

    /**
     * One log call.
     *
     * @param level its level
     * @param logger the logger's name
     * @param message the formatted message
     */
    public record Event(Level level, String logger, String message) {
    }

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    private final ILoggerFactory loggers = Recorder::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** @return every call recorded so far in this JVM, in order */
    public static List<Event> events() {
        return List.copyOf(EVENTS);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class Recorder extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            EVENTS.add(new Event(level, name, MessageFormatter.basicArrayFormat(pattern, arguments)));
        }
    }
}
