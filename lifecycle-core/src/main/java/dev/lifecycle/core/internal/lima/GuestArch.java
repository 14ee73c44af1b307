// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether an instance's guest architecture is the host's, as Lima's
 * {@code limatype.IsNativeArch} decides it: a guest of another architecture is emulated, and
 * Lima's default VM type for it is always {@code qemu} ({@code DefaultNonNativeArchDriver}).
 * Lima's names are {@code x86_64}, {@code aarch64}, {@code armv7l}, {@code ppc64le},
 * {@code riscv64} and {@code s390x}; {@code default} and an empty value mean the host's.
 */
final class GuestArch {

    private GuestArch() {
    }

    /**
     * @param arch the architecture the configuration sets, as written; empty when none does
     * @param osArch the JVM's {@code os.arch}, e.g. {@code amd64} or {@code aarch64}
     * @return true if Lima runs the guest natively (no setting, {@code default}, empty, or the host's)
     */
    static boolean isNative(Optional<String> arch, String osArch) {
        if (arch.isEmpty() || arch.get().isBlank() || arch.get().equalsIgnoreCase("default")) {
            return true;
        }
        return arch.get().equals(host(osArch));
    }

    /**
     * @param osArch the JVM's {@code os.arch}
     * @return the host's architecture under Lima's name ({@code limatype.NewArch(runtime.GOARCH)})
     */
    static String host(String osArch) {
        String a = osArch == null ? "" : osArch.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "arm" -> "armv7l";
            default -> a; // ppc64le, riscv64, s390x are spelled alike
        };
    }
}
