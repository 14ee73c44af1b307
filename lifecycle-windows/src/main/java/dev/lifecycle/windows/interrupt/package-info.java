/**
 * Graceful interrupts on Windows without touching the host JVM's console: {@link
 * dev.lifecycle.windows.interrupt.GracefulInterrupt} first sets the target's named
 * interrupt event when one is configured ({@code -Dlifecycle.windows.interruptEvent}) and
 * exists, and otherwise has a throw-away helper JVM ({@link
 * dev.lifecycle.windows.interrupt.JavaHelperLauncher}, bounded by {@link
 * dev.lifecycle.windows.interrupt.BoundedProcessRunner}) deliver Ctrl+Break from inside the
 * target's console. {@link dev.lifecycle.windows.interrupt.HelperResults} turns the helper's
 * exit into a {@link dev.lifecycle.spi.SignalResult}.
 */
package dev.lifecycle.windows.interrupt;
