// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that runs nothing: it records each call and answers with the
 * failure the test chose, so that a VM-type extension meets a broken or wedged tool
 * without one being installed.
 */
final class ScriptedCommandRunner implements CommandRunner {

    /** One call as the extension made it. */
    record Call(List<String> command, Map<String, String> environment, Duration timeout) {
    }

    private final CommandResult.Status answer;
    private final List<Call> calls = new ArrayList<>();

    /**
     * @param answer {@link CommandResult.Status#FAILED_TO_START} or {@link CommandResult.Status#TIMED_OUT}
     */
    ScriptedCommandRunner(CommandResult.Status answer) {
        this.answer = answer;
    }

    @Override
    public CommandResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        synchronized (calls) {
            calls.add(new Call(List.copyOf(command), Map.copyOf(environment), timeout));
        }
        byte[] none = new byte[0];
        if (answer == CommandResult.Status.TIMED_OUT) {
            return new CommandResult(command, answer, -1, none, none, timeout, "");
        }
        return new CommandResult(command, answer, -1, none, none, Duration.ZERO,
                "conformance kit: " + command.get(0) + " cannot be started (no such file)");
    }

    /** @return the calls made so far */
    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
