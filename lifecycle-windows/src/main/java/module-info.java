/**
 * {@link dev.lifecycle.spi.ProcessControl} for Windows over JNA: identity pinned by a
 * process handle, graceful Ctrl+Break from a throw-away helper process (or a named
 * event), {@code TerminateProcess} on the pinned handle, and handle waits for exit.
 * Exports nothing: it only provides.
 */
module dev.lifecycle.windows {
    requires dev.lifecycle.api;
    requires org.slf4j;
    requires com.sun.jna;
    requires com.sun.jna.platform;

    provides dev.lifecycle.spi.ProcessControl with dev.lifecycle.windows.WindowsProcessControl;
}
