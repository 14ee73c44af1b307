// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lifecycle.api.VmType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration file is parsed once per content, and again as soon as its bytes differ. */
class ParsedConfigsTest {

    @TempDir
    Path dir;

    @Test
    void theSameContentIsNotParsedAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("lima.yaml"), "vmType: qemu\n");
        LimaYaml first = LimaYaml.read(file);
        assertSame(first, LimaYaml.read(file));
        assertEquals(Optional.of(VmType.QEMU), first.vmType());
    }

    @Test
    void otherBytesAreParsedAgainEvenWithTheSameSizeAndTimeStamps() throws Exception {
        FileTime when = FileTime.fromMillis(1_700_000_000_000L);
        Path file = Files.writeString(dir.resolve("lima.yaml"), "vmType: qemu\n");
        Files.setLastModifiedTime(file, when);
        LimaYaml first = LimaYaml.read(file);
        Files.writeString(file, "vmType: wsl2\n"); // the same size, in place
        Files.setLastModifiedTime(file, when);
        LimaYaml second = LimaYaml.read(file);
        assertNotSame(first, second);
        assertEquals(Optional.of(VmType.WSL2), second.vmType());
        assertEquals(List.of(), second.problems());
    }

    @Test
    void aFileLargerThanAnyConfigurationIsStreamedAndNotKept() throws Exception {
        Path file = dir.resolve("lima.yaml");
        Files.writeString(file, "#" + "x".repeat(ParsedConfigs.MAX_FILE_BYTES) + "\nvmType: qemu\n");
        LimaYaml first = LimaYaml.read(file);
        assertEquals(Optional.of(VmType.QEMU), first.vmType());
        assertNotSame(first, LimaYaml.read(file));
        assertEquals(Optional.empty(), ParsedConfigs.shared().kept(file));
    }

    @Test
    void eachFileKeepsItsOwnAndTheLeastRecentlyUsedGoesFirst() {
        ParsedConfigs two = new ParsedConfigs(2);
        AtomicInteger parses = new AtomicInteger();
        byte[] qemu = "vmType: qemu\n".getBytes(StandardCharsets.UTF_8);
        java.util.function.Function<byte[], LimaYaml> parse = b -> {
            parses.incrementAndGet();
            return LimaYaml.parse(b, "test");
        };
        two.parsed(dir.resolve("a"), qemu, parse);
        two.parsed(dir.resolve("b"), qemu, parse);
        assertEquals(2, parses.get(), "the same bytes in another file are that file's own");
        two.parsed(dir.resolve("a"), qemu, parse); // a is now the most recently used
        two.parsed(dir.resolve("c"), qemu, parse);
        assertEquals(3, parses.get());
        assertEquals(2, two.size());
        assertEquals(Optional.empty(), two.kept(dir.resolve("b")), "b was the least recently used");
        two.parsed(dir.resolve("a"), qemu, parse);
        assertEquals(3, parses.get(), "a is still kept");
    }
}
