// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lifecycle completion bash|zsh}: prints the shell completion script, as
 * {@code limactl completion bash} does. The script is picocli's, generated from the command
 * tree, so it always knows every command and option; zsh runs it through bash completion.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Prints the completion script for bash or zsh.", "",
            "bash:  source <(java -jar lifecycle-cli.jar completion bash)",
            "       (with an alias or wrapper script named lifecycle that runs the jar)",
            "zsh:   autoload -U +X compinit && compinit; source <(java -jar lifecycle-cli.jar completion zsh)"})
final class CompletionCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    private String shell;

    CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ParameterException(spec.commandLine(), "no completion for '" + shell + "': choose bash or zsh");
        }
        ctx.out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
