package dev.lifecycle.examples.cli;

import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaHomeException;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.examples.cli.view.InstanceTable;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lifecycle list}: the instances of a Lima home, as {@code limactl list} shows them. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the instances of a Lima home: status (Running, Stopped, Broken), VM type,"
                + " the PIDs their PID files record, additional disks, and what is wrong with a Broken one."
                + " Reads only; nothing is signalled or changed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:usage error, e.g. the Lima home does not exist",
            "3:the output could not be written (stderr says why)"})
final class ListCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    private CommandSpec spec;

    @Mixin
    private LimaHomeOption limaHome;

    ListCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<LimaInstance> instances;
        LimaHome home;
        try {
            home = limaHome.resolve(ctx);
            instances = home.list();
        } catch (LimaHomeException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (instances.isEmpty()) {
            ctx.out().println("No instances in " + home.path() + ".");
        } else {
            InstanceTable.print(ctx.out(), instances);
        }
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
