// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.platform.mac.SystemB;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Struct layouts checked against the C headers: {@code <sys/epoll.h>}, macOS
 * {@code <sys/event.h>} and {@code <sys/proc_info.h>}. The macOS ones cannot be exercised
 * here, so their offsets are pinned by these numbers.
 */
class LayoutTest {

    @Test
    void syscallPassesCLongsSoThatThirtyTwoBitJvmsGetTheirArgumentsRight() throws NoSuchMethodException {
        // A Java long is passed as 64 bits even where a C long has 32: on i386 that shifts every
        // later argument of syscall(2). NativeLong has the C width on every JVM.
        Class<?> c = com.sun.jna.NativeLong.class;
        java.lang.reflect.Method syscall = LinuxLibC.class.getMethod("syscall", c, c, c, c, c);
        assertEquals(c, syscall.getReturnType());
    }

    @Test
    void epollEventIsPackedOnX86Only() {
        assertTrue(EpollEvent.isPacked("amd64"));
        assertTrue(EpollEvent.isPacked("x86"));
        assertFalse(EpollEvent.isPacked("aarch64"));
        assertFalse(EpollEvent.isPacked("riscv64"));
        assertEquals(EpollEvent.isPacked(System.getProperty("os.arch")) ? 12 : 16, EpollEvent.SIZE);
    }

    @Test
    void epollEventsRoundTrip() {
        Memory array = new Memory(3L * EpollEvent.SIZE);

        EpollEvent.write(array, 1, 0x4000_0001, 0x0123_4567_89AB_CDEFL);
        EpollEvent.write(array, 2, 1, 7);

        assertEquals(0x4000_0001, EpollEvent.events(array, 1));
        assertEquals(0x0123_4567_89AB_CDEFL, EpollEvent.data(array, 1));
        assertEquals(7, EpollEvent.data(array, 2));
    }

    @Test
    void keventHasTheSixtyFourBitMacLayout() {
        assertEquals(32, Kevent.SIZE);
        assertEquals(0, Kevent.IDENT);
        assertEquals(8, Kevent.FILTER);
        assertEquals(10, Kevent.FLAGS);
        assertEquals(12, Kevent.FFLAGS);
        assertEquals(16, Kevent.DATA);
        assertEquals(24, Kevent.UDATA);
    }

    @Test
    void keventsRoundTripWithUnsignedFlags() {
        Memory array = new Memory(2L * Kevent.SIZE);
        short flags = (short) (MacLibSystem.EV_ADD | MacLibSystem.EV_ONESHOT | MacLibSystem.EV_RECEIPT
                | MacLibSystem.EV_ERROR | 0x8000);

        Kevent.set(array, 1, 4242, MacLibSystem.EVFILT_PROC, flags, MacLibSystem.NOTE_EXIT, 3, 99);

        assertEquals(4242, Kevent.ident(array, 1));
        assertEquals(MacLibSystem.EVFILT_PROC, Kevent.filter(array, 1));
        assertEquals(0xC051, Kevent.flags(array, 1));
        assertEquals(0x80000000, Kevent.fflags(array, 1));
        assertEquals(3, Kevent.data(array, 1));
        assertEquals(99, array.getLong(Kevent.SIZE + Kevent.UDATA));
    }

    /** jna-platform's mapping, reused, must match {@code struct proc_bsdinfo} (136 bytes). */
    @Test
    void procBsdInfoMatchesTheHeader() throws IOException {
        standInForLibSystem();
        Offsets info = new Offsets();

        assertEquals(136, info.size());
        assertEquals(4, info.offset("pbi_status"));
        assertEquals(48, info.offset("pbi_comm"));
        assertEquals(64, info.offset("pbi_name"));
        assertEquals(96, info.offset("pbi_nfiles"));
        assertEquals(116, info.offset("pbi_nice"));
        assertEquals(120, info.offset("pbi_start_tvsec"));
        assertEquals(128, info.offset("pbi_start_tvusec"));
    }

    @Test
    void macErrnosAreClassified() {
        assertEquals(ErrnoException.Kind.NO_SUCH_PROCESS, MacNative.classify(3));
        assertEquals(ErrnoException.Kind.NOT_PERMITTED, MacNative.classify(1));
        assertEquals(ErrnoException.Kind.INTERRUPTED, MacNative.classify(4));
        assertEquals(ErrnoException.Kind.NOT_IMPLEMENTED, MacNative.classify(78));
        assertEquals(ErrnoException.Kind.OTHER, MacNative.classify(38));
    }

    @Test
    void linuxErrnosAreClassified() {
        assertEquals(ErrnoException.Kind.NO_SUCH_PROCESS, LinuxNative.classify(3));
        assertEquals(ErrnoException.Kind.NOT_PERMITTED, LinuxNative.classify(1));
        assertEquals(ErrnoException.Kind.NOT_IMPLEMENTED, LinuxNative.classify(38));
        assertEquals(ErrnoException.Kind.OTHER, LinuxNative.classify(78));
    }

    /**
     * JNA takes a Structure's alignment from the library interface that encloses it, so
     * building a {@code SystemB.ProcBsdInfo} loads libSystem. Off macOS, let libc stand in
     * (nothing is called through it; natural alignment is the same on 64-bit Linux and macOS).
     */
    private static void standInForLibSystem() throws IOException {
        if (Platform.isMac()) {
            return;
        }
        Optional<String> libc = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.matches(".*/libc(\\.so\\.6|-[0-9.]+\\.so)$"))
                .findFirst();
        Assumptions.assumeTrue(libc.isPresent(), "no glibc to stand in for libSystem");
        Path dir = Files.createTempDirectory("libsystem-stand-in");
        Path link = dir.resolve(System.mapLibraryName("System"));
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, Path.of(libc.get()));
        }
        link.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        NativeLibrary.addSearchPath("System", dir.toString());
    }

    /** Exposes JNA's computed field offsets. */
    static final class Offsets extends SystemB.ProcBsdInfo {
        int offset(String field) {
            return fieldOffset(field);
        }
    }
}
