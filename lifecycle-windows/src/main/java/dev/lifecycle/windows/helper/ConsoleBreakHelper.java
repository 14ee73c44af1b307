// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import dev.lifecycle.api.HostOs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Entry point of the Ctrl+Break helper process: {@code ConsoleBreakHelper --serve
 * <idle-seconds>}. It prints {@link HelperProtocol#READY}, then reads one PID per line and
 * answers each with one reply line ({@link HelperProtocol}), until stdin ends (the host JVM
 * is gone or done) or no request came for the idle time. One helper serves every interrupt
 * of a batch, and the next batch too while it is up: a JVM start is paid once, not per
 * interrupt. Started by the host JVM's {@code ConsoleHelper}, never run inside it.
 */
public final class ConsoleBreakHelper {

    private ConsoleBreakHelper() {
    }

    /**
     * @param args {@value HelperProtocol#SERVE} and the idle time in seconds
     */
    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BreakOutcome ended = serve(args, System.getProperty("os.name", ""), JnaConsoleApi::new, in, out,
                IdleExit::start);
        out.flush();
        System.exit(ended.exitCode());
    }

    /**
     * The helper without the JVM around it, for tests.
     *
     * @param args the arguments
     * @param osName the {@code os.name} to act on
     * @param console how to reach the console calls (only asked for on Windows)
     * @param in the requests
     * @param out where the protocol lines go
     * @param idle starts the idle watchdog and returns what to call on each request
     * @return {@link BreakOutcome#SENT} when stdin ended normally, else why the helper could not serve
     */
    static BreakOutcome serve(String[] args, String osName, Supplier<ConsoleApi> console, BufferedReader in,
                              PrintStream out, java.util.function.Function<Duration, Runnable> idle) {
        if (args.length != 2 || !HelperProtocol.SERVE.equals(args[0]) || !args[1].matches("[0-9]{1,6}")) {
            out.println(HelperProtocol.reply(BreakOutcome.USAGE, "usage: ConsoleBreakHelper "
                    + HelperProtocol.SERVE + " <idle-seconds>; got " + String.join(" ", args)));
            return BreakOutcome.USAGE;
        }
        if (HostOs.of(osName) != HostOs.WINDOWS) {
            out.println(HelperProtocol.reply(BreakOutcome.UNSUPPORTED,
                    "the Ctrl+Break helper runs on Windows only, not on " + osName));
            return BreakOutcome.UNSUPPORTED;
        }
        ConsoleBreak consoleBreak;
        try {
            consoleBreak = new ConsoleBreak(console.get());
        } catch (LinkageError | RuntimeException e) {
            out.println(HelperProtocol.reply(BreakOutcome.FAILED,
                    "cannot load the console functions of kernel32 through JNA: " + e));
            return BreakOutcome.FAILED;
        }
        Runnable touch = idle.apply(Duration.ofSeconds(Long.parseLong(args[1])));
        out.println(HelperProtocol.ready());
        try {
            for (String line; (line = in.readLine()) != null; ) {
                touch.run();
                String pid = line.strip();
                if (!pid.matches("[0-9]{1,10}") || Long.parseLong(pid) < 2 || Long.parseLong(pid) > 0xFFFF_FFFFL) {
                    out.println(HelperProtocol.reply(BreakOutcome.USAGE, "a request is one decimal PID of 2 or more"
                            + " per line; got '" + pid + "'"));
                    continue;
                }
                ConsoleBreak.Result r = consoleBreak.send((int) Long.parseLong(pid));
                out.println(HelperProtocol.reply(r.outcome(), r.message()));
            }
        } catch (IOException e) {
            // stdin broke: the host JVM is gone; nothing is waiting for a reply.
        }
        return BreakOutcome.SENT;
    }

    /** Ends the helper when no request came for a while, so that an idle host keeps no helper. */
    private static final class IdleExit implements Runnable {
        private final long idleNanos;
        private long last = System.nanoTime();

        private IdleExit(Duration idle) {
            this.idleNanos = idle.toNanos();
        }

        static Runnable start(Duration idle) {
            IdleExit watchdog = new IdleExit(idle);
            Thread t = new Thread(watchdog::watch, "lifecycle-helper-idle-exit");
            t.setDaemon(true);
            t.start();
            return watchdog;
        }

        @Override
        public synchronized void run() {
            last = System.nanoTime();
        }

        private synchronized void watch() {
            while (true) {
                long left = last + idleNanos - System.nanoTime();
                if (left <= 0) {
                    System.exit(0);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
