// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PidFileTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.write(dir.resolve("ha.pid"), content.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "123\n", "123\r\n", "0123\n"})
    void digitsWithAtMostOneLineEndingAreAPid(String content) throws IOException {
        Path file = write(content);

        PidFile.Valid valid = assertInstanceOf(PidFile.Valid.class, PidFile.read(file));

        assertEquals(123, valid.ref().pid());
        assertEquals(Optional.of(file), valid.ref().pidFile());
    }

    @Test
    void theFileModificationTimeIsTheIdentityEvidence() throws IOException {
        Path file = write("4242\n");
        Instant written = Instant.parse("2024-05-01T10:15:30Z");
        Files.setLastModifiedTime(file, FileTime.from(written));

        ProcessRef ref = assertInstanceOf(PidFile.Valid.class, PidFile.read(file)).ref();

        assertEquals(Optional.of(written), ref.startedNoLaterThan());
        assertEquals(Optional.empty(), ref.startInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n", "abc", "-5", "+5", " 12", "12 ", "12\n\n", "12\r", "1 2", "0", "000",
        "12\n34", "0x1F", "١٢٣", "4294967296", "99999999999999999999",
        "1234567890123456789012345678901234567890"})
    void anythingElseIsInvalidAndNamesTheFile(String content) throws IOException {
        Path file = write(content);

        PidFile.Invalid invalid = assertInstanceOf(PidFile.Invalid.class, PidFile.read(file));

        assertEquals(file, invalid.file());
        assertTrue(invalid.reason().contains(file.toString()), invalid.reason());
    }

    @Test
    void fortyBytesOfDigitsAreRefusedUnreadAsTooLarge() throws IOException {
        Path file = write("1".repeat(40));

        PidFile.Invalid invalid = assertInstanceOf(PidFile.Invalid.class, PidFile.read(file));

        assertTrue(invalid.reason().contains("40 bytes"), invalid.reason());
    }

    @Test
    void theLargestPidIsAccepted() throws IOException {
        assertEquals(4294967295L,
                assertInstanceOf(PidFile.Valid.class, PidFile.read(write("4294967295\n"))).ref().pid());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symlinks need privileges")
    void aSymlinkToAValidPidFileIsFollowedAsLimaDoesWithTheTargetsTime() throws IOException {
        Path target = Files.writeString(dir.resolve("real.pid"), "123\n");
        Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path link = Files.createSymbolicLink(dir.resolve("ha.pid"), target);

        PidFile.Valid valid = assertInstanceOf(PidFile.Valid.class, PidFile.read(link));

        assertEquals(123, valid.ref().pid());
        assertEquals(link, valid.ref().pidFile().orElseThrow(), "the reference names the file in the instance");
        assertEquals(java.time.Instant.ofEpochMilli(1_000_000_000_000L), valid.ref().startedNoLaterThan().orElseThrow(),
                "the time the PID was written is the target's");
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symlinks need privileges")
    void aSymlinkLoopIsInvalidAndTheLinkToAFifoIsNeverOpened() throws Exception {
        Path a = dir.resolve("a.pid");
        Path b = Files.createSymbolicLink(dir.resolve("b.pid"), a);
        Files.createSymbolicLink(a, b);
        assertTrue(assertInstanceOf(PidFile.Invalid.class, PidFile.read(a)).reason().contains("leads nowhere"));

        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        Path link = Files.createSymbolicLink(dir.resolve("ha.pid"), fifo);
        PidFile.Invalid invalid = assertInstanceOf(PidFile.Invalid.class, PidFile.read(link));
        assertTrue(invalid.reason().contains("a FIFO, not a regular file"), invalid.reason());
        assertInstanceOf(PidFile.Invalid.class, PidFile.read(fifo));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symlinks need privileges")
    void aDanglingSymlinkIsInvalidNotMissing() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("ha.pid"), dir.resolve("nowhere"));

        assertInstanceOf(PidFile.Invalid.class, PidFile.read(link));
    }

    @Test
    void aDirectoryNamedLikeAPidFileIsInvalid() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("ha.pid"));

        PidFile.Invalid invalid = assertInstanceOf(PidFile.Invalid.class, PidFile.read(directory));

        assertTrue(invalid.reason().contains("not a regular file"), invalid.reason());
    }

    @Test
    void anAbsentFileIsMissing() {
        Path file = dir.resolve("ha.pid");

        assertEquals(new PidFile.Missing(file), PidFile.read(file));
    }

    @Test
    void garbageIsShownPrintably() throws IOException {
        Path file = write("ab\u0001c");

        String reason = assertInstanceOf(PidFile.Invalid.class, PidFile.read(file)).reason();

        assertTrue(reason.contains("'ab?c'"), reason);
    }
}
