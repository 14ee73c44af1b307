// SPDX-License-Identifier: Apache-2.0
/**
 * {@link dev.lifecycle.spi.ProcessControl} for Windows over JNA: identity pinned by a
 * process handle, graceful interrupt by a named event or by Ctrl+Break from a helper process,
 * {@code TerminateProcess} while the handle pins the process, and handle waits for exit.
 * Exports only {@code dev.lifecycle.windows}: the provider and the interrupt channel strategy
 * a host app may configure it with.
 */
module dev.lifecycle.windows {
    requires transitive dev.lifecycle.api;
    requires org.slf4j;
    requires com.sun.jna;
    requires com.sun.jna.platform;

    exports dev.lifecycle.windows;

    provides dev.lifecycle.spi.ProcessControl with dev.lifecycle.windows.WindowsProcessControl;
}
