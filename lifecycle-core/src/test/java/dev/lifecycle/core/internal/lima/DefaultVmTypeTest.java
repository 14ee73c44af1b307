package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultVmTypeTest {

    @TempDir
    Path dir;

    @Test
    void macosDefaultsToVzAndEveryOtherOsToQemuWindowsIncluded() {
        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.LINUX));
        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.WINDOWS));
        assertEquals(VmType.VZ, DefaultVmType.resolve(dir, HostOs.MACOS));
        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.OTHER));
    }

    @Test
    void onMacosAVzIdentifierMeansVz() throws IOException {
        Files.createFile(dir.resolve("vz-identifier"));
        Files.createFile(dir.resolve("diffdisk"));

        assertEquals(VmType.VZ, DefaultVmType.resolve(dir, HostOs.MACOS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ha.stdout.log", "ha.stderr.log", "basedisk", "diffdisk", "cidata.iso"})
    void onMacosAnExistingInstanceWithoutVzIdentifierIsQemuAsInLima(String file) throws IOException {
        Files.createFile(dir.resolve(file));

        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.MACOS));
    }

    @Test
    void elsewhereTheFilesDoNotMatter() throws IOException {
        Files.createFile(dir.resolve("vz-identifier"));

        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.LINUX));
        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.WINDOWS));
    }
}
