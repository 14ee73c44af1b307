// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.testing.RecordingLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run by {@link StopLoggingTest} in a JVM of its own, whose SLF4J provider is
 * {@link RecordingLogs}: stops one real instance the way a host app does (the default
 * stopper, providers found by discovery) and prints every log call of the JVM, then the
 * outcome, one per line: {@code LOG <level> <logger> <message>}, {@code OUTCOME <outcome>}.
 */
public final class StopLoggingProbe {

    private StopLoggingProbe() {
    }

    /**
     * @param args {@code graceful} (an agent that exits on the interrupt) or {@code forced}
     *     (one that ignores it), then an empty directory for the Lima home
     * @throws Exception if the instance cannot be set up
     */
    public static void main(String[] args) throws Exception {
        boolean graceful = args[0].equals("graceful");
        Path home = Files.createDirectories(Path.of(args[1]));
        try (FakeInstance vm = new FakeInstance(home, "quiet")) {
            vm.agent(graceful ? ScriptProcess.graceful(home, "agent", "") : ScriptProcess.ignoring());
            StopOptions options = StopOptions.builder()
                    .gracePeriod(graceful ? Duration.ofSeconds(30) : Duration.ofMillis(300))
                    .killTimeout(Duration.ofSeconds(10)).build();

            StopReport report = InstanceStoppers.builder().build().stop(vm.instance(), options);

            for (RecordingLogs.Event e : RecordingLogs.events()) {
                System.out.println("LOG " + e.level() + " " + e.logger() + " " + e.message().replace('\n', ' '));
            }
            System.out.println("OUTCOME " + report.outcome());
        }
    }
}
