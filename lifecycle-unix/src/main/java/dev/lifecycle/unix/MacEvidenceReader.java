// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.InstanceReference;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.MacNative;
import dev.lifecycle.unix.jna.ProcFdLayout;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * macOS: the command line from {@code sysctl(KERN_PROCARGS2)}, and the files open for
 * writing from {@code proc_pidinfo(PROC_PIDLISTFDS)} and
 * {@code proc_pidfdinfo(PROC_PIDFDVNODEPATHINFO)} ({@code fi_openflags} and the vnode's
 * path). The kernel answers only for the caller's own processes unless it is root.
 */
final class MacEvidenceReader implements EvidenceReader {

    private final MacNative mac;

    MacEvidenceReader(MacNative mac) {
        this.mac = mac;
    }

    @Override
    public List<String> commandLine(long pid) throws IOException {
        byte[] area;
        try {
            area = mac.procArgs2(pid);
        } catch (ErrnoException e) {
            throw failure(pid, e);
        }
        try {
            return ProcFdLayout.procArgs(area, area.length, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<Path> writtenFiles(long pid) throws IOException {
        byte[] fds;
        try {
            fds = mac.listFds(pid);
        } catch (ErrnoException e) {
            throw failure(pid, e);
        }
        Charset names = StandardCharsets.UTF_8; // APFS and HFS+ file names are UTF-8
        List<Path> written = new ArrayList<>();
        for (int fd : ProcFdLayout.vnodeFds(fds, fds.length)) {
            Optional<String> path = mac.vnodeInfo(pid, fd).flatMap(info -> ProcFdLayout.writtenPath(info, names));
            if (path.isPresent() && path.get().startsWith("/")) {
                Path file = Path.of(path.get());
                if (file.getFileName() != null && InstanceReference.mayReferToAnInstance(file.getFileName().toString())) {
                    written.add(file);
                }
            }
        }
        return written;
    }

    /** Tells a gone process (ESRCH from a probe) from one the kernel will not describe. */
    private IOException failure(long pid, ErrnoException e) {
        try {
            mac.kill(pid, 0);
        } catch (ErrnoException probe) {
            if (probe.kind() == ErrnoException.Kind.NO_SUCH_PROCESS) {
                return new NoSuchFileException("PID " + pid + " is not running");
            }
        }
        return new IOException(e.getMessage(), e);
    }
}
