// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import com.sun.jna.Pointer;
import java.util.Locale;

/**
 * Layout of {@code struct epoll_event { uint32_t events; epoll_data_t data; }}. glibc and
 * the kernel declare it packed on x86 ({@code __EPOLL_PACKED}): 12 bytes with the data at
 * offset 4. Everywhere else it is naturally aligned: 16 bytes with the data at offset 8.
 * Written by hand over a {@link Pointer} rather than as a {@code Structure}, because the
 * packing differs by architecture.
 */
public final class EpollEvent {

    /** Size of one event on this architecture. */
    public static final int SIZE;
    /** Offset of the 64-bit {@code data} member. */
    public static final int DATA_OFFSET;

    static {
        boolean packed = isPacked(System.getProperty("os.arch", ""));
        SIZE = packed ? 12 : 16;
        DATA_OFFSET = packed ? 4 : 8;
    }

    private EpollEvent() {
    }

    /**
     * @param osArch the {@code os.arch} value
     * @return true if {@code struct epoll_event} is packed there (x86, 32 and 64 bit)
     */
    static boolean isPacked(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86") || arch.equals("i386")
                || arch.equals("i486") || arch.equals("i586") || arch.equals("i686");
    }

    /**
     * Writes event {@code index} of an array.
     *
     * @param array the memory, at least {@code (index + 1) * SIZE} bytes
     * @param index which event
     * @param events the {@code EPOLL*} mask
     * @param data the user data
     */
    public static void write(Pointer array, int index, int events, long data) {
        long base = (long) index * SIZE;
        array.setInt(base, events);
        array.setLong(base + DATA_OFFSET, data);
    }

    /**
     * @param array the memory
     * @param index which event
     * @return the {@code EPOLL*} mask of event {@code index}
     */
    public static int events(Pointer array, int index) {
        return array.getInt((long) index * SIZE);
    }

    /**
     * @param array the memory
     * @param index which event
     * @return the user data of event {@code index}
     */
    public static long data(Pointer array, int index) {
        return array.getLong((long) index * SIZE + DATA_OFFSET);
    }
}
