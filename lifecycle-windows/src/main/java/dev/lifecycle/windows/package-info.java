/**
 * The Windows {@link dev.lifecycle.spi.ProcessControl}, {@link
 * dev.lifecycle.windows.WindowsProcessControl} (id {@code windows}). Layers, top down:
 *
 * <ul>
 *   <li>{@code process} — find a PID and pin it by a handle ({@code OpenProcess}), prove its
 *       identity from {@code GetProcessTimes}, kill with {@code TerminateProcess} on that
 *       handle, liveness by a zero wait on it;</li>
 *   <li>{@code interrupt} — graceful interrupt by a named event, else Ctrl+Break sent by a
 *       throw-away helper JVM ({@code helper}) attached to the target's console, never by
 *       the host JVM;</li>
 *   <li>{@code exitwatch} — exit events from {@code WaitForMultipleObjects} on shared
 *       threads, 63 processes per thread;</li>
 *   <li>{@code win32} — the thin native boundary: an interface of Win32 calls and its one
 *       JNA implementation. Everything above it is tested on any OS.</li>
 * </ul>
 */
package dev.lifecycle.windows;
