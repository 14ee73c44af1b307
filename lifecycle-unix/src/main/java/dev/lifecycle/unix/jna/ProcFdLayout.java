// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The macOS layouts behind a process's arguments and open files, parsed in plain Java so
 * that they are tested on any OS: the {@code KERN_PROCARGS2} area ({@code int argc}, the
 * executable path, NUL padding, then {@code argc} NUL-terminated arguments, then the
 * environment), {@code struct proc_fdinfo} ({@code PROC_PIDLISTFDS}), and
 * {@code struct vnode_fdinfowithpath} ({@code <sys/proc_info.h>}: {@code proc_fileinfo},
 * 24 bytes, whose first field is {@code fi_openflags}; then {@code vnode_info}, 152 bytes;
 * then the path, {@code MAXPATHLEN} bytes).
 */
public final class ProcFdLayout {

    /** {@code sizeof(struct proc_fdinfo)}: {@code int32_t proc_fd; uint32_t proc_fdtype}. */
    public static final int PROC_FDINFO_SIZE = 8;
    /** {@code sizeof(struct vnode_fdinfowithpath)}, {@code PROC_PIDFDVNODEPATHINFO_SIZE}. */
    public static final int VNODE_FDINFO_WITH_PATH_SIZE = 1200;
    /** Offset of {@code pfi.fi_openflags}. */
    public static final int OPEN_FLAGS = 0;
    /** Offset of {@code pvip.vip_path}: after {@code proc_fileinfo} (24) and {@code vnode_info} (152). */
    public static final int PATH = 24 + 152;
    /** {@code MAXPATHLEN}. */
    public static final int MAXPATHLEN = 1024;

    private ProcFdLayout() {
    }

    /**
     * Parses a {@code KERN_PROCARGS2} area.
     *
     * @param area the bytes sysctl returned, little-endian as on every Mac
     * @param length how many of them are valid
     * @param charset how file names are encoded
     * @return the arguments, {@code argv[0]} first
     * @throws IllegalArgumentException if the area is not such an area
     */
    public static List<String> procArgs(byte[] area, int length, Charset charset) {
        if (length < 4) {
            throw new IllegalArgumentException("KERN_PROCARGS2 area of " + length + " bytes has no argc");
        }
        int argc = ByteBuffer.wrap(area, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int i = 4;
        while (i < length && area[i] != 0) {
            i++; // the executable path
        }
        while (i < length && area[i] == 0) {
            i++; // its padding
        }
        List<String> args = new ArrayList<>();
        while (args.size() < argc && i < length) {
            int start = i;
            while (i < length && area[i] != 0) {
                i++;
            }
            args.add(new String(area, start, i - start, charset));
            i++;
        }
        if (args.size() < argc) {
            throw new IllegalArgumentException("KERN_PROCARGS2 area promises " + argc + " arguments but holds "
                    + args.size());
        }
        return args;
    }

    /**
     * Picks the vnode descriptors out of a {@code PROC_PIDLISTFDS} array.
     *
     * @param array the {@code struct proc_fdinfo} entries
     * @param length how many bytes are valid
     * @return the descriptors whose type is {@code PROX_FDTYPE_VNODE}
     */
    public static List<Integer> vnodeFds(byte[] array, int length) {
        ByteBuffer b = ByteBuffer.wrap(array, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> fds = new ArrayList<>();
        for (int at = 0; at + PROC_FDINFO_SIZE <= length; at += PROC_FDINFO_SIZE) {
            int fd = b.getInt(at);
            int type = b.getInt(at + 4);
            if (type == MacLibSystem.PROX_FDTYPE_VNODE) {
                fds.add(fd);
            }
        }
        return fds;
    }

    /**
     * Reads the path of a {@code vnode_fdinfowithpath} if the descriptor is open for writing.
     *
     * @param info the structure's bytes
     * @param charset how file names are encoded
     * @return the path, if the descriptor is open for writing and has one
     */
    public static Optional<String> writtenPath(byte[] info, Charset charset) {
        int flags = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).getInt(OPEN_FLAGS);
        if ((flags & MacLibSystem.FWRITE) == 0) {
            return Optional.empty();
        }
        int end = PATH;
        while (end < PATH + MAXPATHLEN && end < info.length && info[end] != 0) {
            end++;
        }
        return end == PATH ? Optional.empty() : Optional.of(new String(info, PATH, end - PATH, charset));
    }
}
