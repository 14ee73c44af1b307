// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import com.sun.jna.Pointer;

/**
 * Layout of macOS's {@code struct kevent} on 64-bit (every macOS Lifecycle supports):
 * <pre>
 *   uintptr_t ident;   // 0
 *   int16_t   filter;  // 8
 *   uint16_t  flags;   // 10
 *   uint32_t  fflags;  // 12
 *   intptr_t  data;    // 16
 *   void     *udata;   // 24
 * </pre>
 * 32 bytes; the header's {@code #pragma pack(4)} changes nothing on 64-bit because every
 * member already sits on its natural boundary. Written by hand over a {@link Pointer}.
 */
public final class Kevent {

    /** Size of one {@code struct kevent}. */
    public static final int SIZE = 32;
    /** Offset of {@code ident}. */
    public static final int IDENT = 0;
    /** Offset of {@code filter}. */
    public static final int FILTER = 8;
    /** Offset of {@code flags}. */
    public static final int FLAGS = 10;
    /** Offset of {@code fflags}. */
    public static final int FFLAGS = 12;
    /** Offset of {@code data}. */
    public static final int DATA = 16;
    /** Offset of {@code udata}. */
    public static final int UDATA = 24;

    private Kevent() {
    }

    /**
     * {@code EV_SET} on element {@code index} of an array.
     *
     * @param array the memory
     * @param index which element
     * @param ident the identifier (a PID for {@code EVFILT_PROC})
     * @param filter the {@code EVFILT_} filter
     * @param flags the {@code EV_} flags
     * @param fflags the filter flags ({@code NOTE_})
     * @param data filter data
     * @param udata user data
     */
    public static void set(Pointer array, int index, long ident, short filter, short flags, int fflags,
                           long data, long udata) {
        long base = (long) index * SIZE;
        array.setLong(base + IDENT, ident);
        array.setShort(base + FILTER, filter);
        array.setShort(base + FLAGS, flags);
        array.setInt(base + FFLAGS, fflags);
        array.setLong(base + DATA, data);
        array.setLong(base + UDATA, udata);
    }

    /**
     * @param array the memory
     * @param index which element
     * @return {@code ident}
     */
    public static long ident(Pointer array, int index) {
        return array.getLong((long) index * SIZE + IDENT);
    }

    /**
     * @param array the memory
     * @param index which element
     * @return {@code filter}
     */
    public static short filter(Pointer array, int index) {
        return array.getShort((long) index * SIZE + FILTER);
    }

    /**
     * @param array the memory
     * @param index which element
     * @return {@code flags} (unsigned 16 bits, as an int)
     */
    public static int flags(Pointer array, int index) {
        return array.getShort((long) index * SIZE + FLAGS) & 0xFFFF;
    }

    /**
     * @param array the memory
     * @param index which element
     * @return {@code fflags}
     */
    public static int fflags(Pointer array, int index) {
        return array.getInt((long) index * SIZE + FFLAGS);
    }

    /**
     * @param array the memory
     * @param index which element
     * @return {@code data} (an errno when {@code EV_ERROR} is set)
     */
    public static long data(Pointer array, int index) {
        return array.getLong((long) index * SIZE + DATA);
    }
}
