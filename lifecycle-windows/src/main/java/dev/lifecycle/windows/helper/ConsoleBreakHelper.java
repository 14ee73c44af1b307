package dev.lifecycle.windows.helper;

import dev.lifecycle.api.HostOs;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Entry point of the Ctrl+Break helper process: {@code ConsoleBreakHelper <pid>}. Prints
 * one line saying what it did and exits with the code of a {@link BreakOutcome}. Started by
 * {@code JavaHelperLauncher}, never called in the host JVM.
 */
public final class ConsoleBreakHelper {

    private ConsoleBreakHelper() {
    }

    /**
     * @param args the target PID, in decimal
     */
    public static void main(String[] args) {
        BreakOutcome outcome = run(args, System.getProperty("os.name", ""), JnaConsoleApi::new, System.out);
        System.out.flush();
        System.exit(outcome.exitCode());
    }

    /**
     * The helper without the exit, for tests.
     *
     * @param args the arguments
     * @param osName the {@code os.name} to act on
     * @param console how to reach the console calls (only asked for on Windows)
     * @param out where the one-line account goes
     * @return what happened
     */
    static BreakOutcome run(String[] args, String osName, Supplier<ConsoleApi> console, PrintStream out) {
        if (args.length != 1 || !args[0].matches("[0-9]{1,10}")
                || Long.parseLong(args[0]) < 2 || Long.parseLong(args[0]) > 0xFFFF_FFFFL) {
            out.println("USAGE: ConsoleBreakHelper <pid>, a decimal PID of 2 or more; got "
                    + String.join(" ", args));
            return BreakOutcome.USAGE;
        }
        if (HostOs.of(osName) != HostOs.WINDOWS) {
            out.println("UNSUPPORTED: the Ctrl+Break helper runs on Windows only, not on " + osName);
            return BreakOutcome.UNSUPPORTED;
        }
        ConsoleApi api;
        try {
            api = console.get();
        } catch (LinkageError | RuntimeException e) {
            out.println("FAILED: cannot load the console functions of kernel32 through JNA: " + e);
            return BreakOutcome.FAILED;
        }
        ConsoleBreak.Result result = new ConsoleBreak(api).send((int) Long.parseLong(args[0]));
        out.println(result.outcome() + ": " + result.message());
        return result.outcome();
    }
}
