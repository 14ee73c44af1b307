/**
 * The throw-away helper process that delivers Ctrl+Break. Attaching to another process's
 * console replaces the caller's console and resets its control handlers, so this never runs
 * in the host JVM: {@link dev.lifecycle.windows.helper.ConsoleBreakHelper} is a {@code main}
 * started as its own short-lived JVM for one PID, and its exit code ({@link
 * dev.lifecycle.windows.helper.BreakOutcome}) says what happened. This package depends on
 * nothing but JNA so that the helper's class path is this module and JNA only.
 */
package dev.lifecycle.windows.helper;
