// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The Linux provider configurations the parameterized tests run against. */
final class LinuxProviders {

    private LinuxProviders() {
    }

    /** @return the pidfd provider (where pidfds work) and the kill(2) fallback */
    static Stream<Named<LinuxProcessControl>> signalPaths() {
        List<Named<LinuxProcessControl>> result = new ArrayList<>();
        if (LinuxGate.pidfdAvailable()) {
            result.add(Named.of("pidfd", new LinuxProcessControl(WatchMode.EVENT, true)));
        }
        result.add(Named.of("kill(2) after re-check", new LinuxProcessControl(WatchMode.POLL, false)));
        return result.stream();
    }

    /** @return every exit-watching configuration that works here */
    static Stream<Named<LinuxProcessControl>> watchers() {
        List<Named<LinuxProcessControl>> result = new ArrayList<>();
        if (LinuxGate.pidfdAvailable()) {
            result.add(Named.of("pidfd+epoll", new LinuxProcessControl(WatchMode.EVENT, true)));
            result.add(Named.of("polling a pidfd", new LinuxProcessControl(WatchMode.POLL, true)));
        }
        result.add(Named.of("polling /proc", new LinuxProcessControl(WatchMode.POLL, false)));
        return result.stream();
    }
}
