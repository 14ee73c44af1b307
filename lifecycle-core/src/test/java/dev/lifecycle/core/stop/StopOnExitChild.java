// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.StopOnExit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A host app in a JVM of its own, for {@link StopOnExitTest}: it starts three stand-in
 * instances in the Lima home given as its argument — {@code graceful} (its agent exits on
 * the interrupt), {@code stubborn} (agent and driver ignore it) and {@code kept} — registers
 * the first two (one at creation, one added later) with {@code stopOnExit}, registers
 * {@code kept} with a second handle that it then unregisters, prints
 * {@code ready <pid> <pid>...} (every stand-in process, in that order) and waits to be
 * ended. The processes it starts are its own children, so they outlive it only if nothing
 * stops them.
 */
public final class StopOnExitChild {

    /** The bound the child gives its hook. */
    static final Duration BOUND = Duration.ofSeconds(6);
    /** The kill timeout: the grace period becomes BOUND less this. */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(3);

    private StopOnExitChild() {
    }

    /**
     * @param args the Lima home
     * @throws Exception if an instance cannot be set up
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        List<Long> pids = new ArrayList<>();

        FakeInstance graceful = new FakeInstance(home, "graceful");
        pids.add(graceful.agent(ScriptProcess.graceful(home, "graceful-agent", "")).pid());
        FakeInstance stubborn = new FakeInstance(home, "stubborn");
        pids.add(stubborn.driver(ScriptProcess.ignoring()).pid());
        pids.add(stubborn.agent(ScriptProcess.ignoring()).pid());
        FakeInstance kept = new FakeInstance(home, "kept");
        pids.add(kept.agent(ScriptProcess.ignoring()).pid());

        StopOptions options = StopOptions.builder().killTimeout(KILL_TIMEOUT).build(); // grace: 3 min 10 s
        StopOnExit onExit = InstanceStoppers.stopOnExit(List.of(graceful.instance()), options, BOUND);
        onExit.add(stubborn.instance());
        StopOnExit forgotten = InstanceStoppers.stopOnExit(List.of(kept.instance()), options, BOUND);
        if (!forgotten.unregister()) {
            throw new IllegalStateException("unregister failed");
        }

        StringBuilder ready = new StringBuilder("ready");
        pids.forEach(pid -> ready.append(' ').append(pid));
        System.out.println(ready);
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGTERM
    }
}
