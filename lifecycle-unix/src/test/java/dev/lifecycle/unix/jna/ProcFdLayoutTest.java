// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The macOS layouts behind a process's arguments and open files ({@code <sys/sysctl.h>},
 * {@code <sys/proc_info.h>}), parsed from bytes built here as the kernel lays them out: they
 * cannot be exercised where macOS does not run.
 */
class ProcFdLayoutTest {

    private static byte[] procArgs(int argc, String exec, int padding, String... argsAndEnv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(argc).array());
        out.writeBytes((exec + "\0").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[padding]);
        for (String s : argsAndEnv) {
            out.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void procArgsSkipsTheExecutablePathAndItsPaddingAndStopsBeforeTheEnvironment() {
        byte[] area = procArgs(4, "/usr/local/bin/limactl", 5, "limactl", "hostagent", "--pidfile",
                "/Users/jane/.lima/default/ha.pid", "HOME=/Users/jane", "PATH=/usr/bin");

        assertEquals(List.of("limactl", "hostagent", "--pidfile", "/Users/jane/.lima/default/ha.pid"),
                ProcFdLayout.procArgs(area, area.length, StandardCharsets.UTF_8));
    }

    @Test
    void aTruncatedAreaIsRefused() {
        byte[] area = procArgs(3, "/bin/sh", 1, "sh", "-c");
        assertThrows(IllegalArgumentException.class, () -> ProcFdLayout.procArgs(area, area.length,
                StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> ProcFdLayout.procArgs(new byte[2], 2, StandardCharsets.UTF_8));
    }

    @Test
    void onlyVnodeDescriptorsAreListed() {
        ByteBuffer b = ByteBuffer.allocate(3 * ProcFdLayout.PROC_FDINFO_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(MacLibSystem.PROX_FDTYPE_VNODE);
        b.putInt(3).putInt(2); // a socket
        b.putInt(7).putInt(MacLibSystem.PROX_FDTYPE_VNODE);

        assertEquals(List.of(0, 7), ProcFdLayout.vnodeFds(b.array(), b.capacity()));
    }

    @Test
    void aVnodePathCountsOnlyWhenTheDescriptorIsOpenForWriting() {
        assertEquals(1200, ProcFdLayout.VNODE_FDINFO_WITH_PATH_SIZE);
        assertEquals(176, ProcFdLayout.PATH);
        byte[] info = new byte[ProcFdLayout.VNODE_FDINFO_WITH_PATH_SIZE];
        byte[] path = "/Users/jane/.lima/default/ha.stdout.log".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(path, 0, info, ProcFdLayout.PATH, path.length);

        info[ProcFdLayout.OPEN_FLAGS] = 0x1; // FREAD
        assertEquals(Optional.empty(), ProcFdLayout.writtenPath(info, StandardCharsets.UTF_8));
        info[ProcFdLayout.OPEN_FLAGS] = 0x1 | MacLibSystem.FWRITE;
        assertEquals(Optional.of("/Users/jane/.lima/default/ha.stdout.log"),
                ProcFdLayout.writtenPath(info, StandardCharsets.UTF_8));
    }
}
