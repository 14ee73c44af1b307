// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    @Test
    void aGuestOfAnotherArchitectureIsQemuOnEveryOs() throws IOException {
        Files.createFile(dir.resolve("vz-identifier"));
        for (HostOs os : HostOs.values()) {
            assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, os, Optional.of("x86_64"), "aarch64"), os.name());
            assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, os, Optional.of("aarch64"), "amd64"), os.name());
        }
    }

    @Test
    void theHostsOwnArchitectureDefaultOrNoneKeepThePlatformDefault() {
        for (Optional<String> arch : List.of(Optional.of("aarch64"), Optional.of("default"), Optional.of(""),
                Optional.<String>empty())) {
            assertEquals(VmType.VZ, DefaultVmType.resolve(dir, HostOs.MACOS, arch, "aarch64"), arch.toString());
        }
        assertEquals(VmType.QEMU, DefaultVmType.resolve(dir, HostOs.WINDOWS, Optional.of("x86_64"), "amd64"));
    }

    @Test
    void javaArchitectureNamesMapToLimas() {
        assertEquals("x86_64", GuestArch.host("amd64"));
        assertEquals("x86_64", GuestArch.host("x86_64"));
        assertEquals("aarch64", GuestArch.host("aarch64"));
        assertEquals("armv7l", GuestArch.host("arm"));
        assertEquals("riscv64", GuestArch.host("riscv64"));
    }
}
