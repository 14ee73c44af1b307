// SPDX-License-Identifier: Apache-2.0
/**
 * {@link dev.lifecycle.spi.ProcessControl} for Linux and macOS over JNA: SIGINT and SIGKILL,
 * identity by process start time, pidfd signalling on Linux, and event-driven exit
 * watching (pidfd + epoll on Linux, kqueue on macOS). Exports nothing: it only provides.
 */
module dev.lifecycle.unix {
    requires dev.lifecycle.api;
    requires org.slf4j;
    requires com.sun.jna;
    // jna-platform's LibC, SystemB (proc_pidinfo, struct proc_bsdinfo) and errno names are reused.
    requires com.sun.jna.platform;

    provides dev.lifecycle.spi.ProcessControl
            with dev.lifecycle.unix.LinuxProcessControl, dev.lifecycle.unix.MacProcessControl;
}
