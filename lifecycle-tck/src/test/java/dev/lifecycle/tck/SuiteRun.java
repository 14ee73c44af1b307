// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs one contract suite through the JUnit Platform, as a provider's build would, and
 * keeps each test's outcome by method name: the kit is judged by what it reports.
 */
final class SuiteRun {

    /** The outcome of one test. */
    record Outcome(TestExecutionResult.Status status, String message) {
    }

    private final Map<String, Outcome> outcomes;

    private SuiteRun(Map<String, Outcome> outcomes) {
        this.outcomes = outcomes;
    }

    static SuiteRun of(Class<?> suite) {
        Map<String, Outcome> outcomes = new TreeMap<>();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents()
                .filter(e -> e.getType() == EventType.FINISHED)
                .forEach(e -> outcomes.put(method(e), outcome(e)));
        return new SuiteRun(outcomes);
    }

    private static String method(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static Outcome outcome(Event event) {
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        return new Outcome(result.getStatus(), result.getThrowable().map(Throwable::getMessage).orElse(""));
    }

    /** @return how many tests ran */
    int count() {
        return outcomes.size();
    }

    /** @return method name to failure message, for every failed test */
    Map<String, String> failures() {
        return withStatus(TestExecutionResult.Status.FAILED);
    }

    /** @return method name to abort message, for every aborted (skipped) test */
    Map<String, String> aborted() {
        return withStatus(TestExecutionResult.Status.ABORTED);
    }

    private Map<String, String> withStatus(TestExecutionResult.Status status) {
        return outcomes.entrySet().stream().filter(e -> e.getValue().status() == status)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().message(), (a, b) -> a, TreeMap::new));
    }

    @Override
    public String toString() {
        return outcomes.toString();
    }
}
