// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

/**
 * Test gates built on the providers' own availability probes, so that a gate cannot drift
 * from what production code decides. Used with {@code @EnabledIf("dev.lifecycle.unix.LinuxGate#...")}.
 */
final class LinuxGate {

    private LinuxGate() {
    }

    /** @return true where the Linux provider works */
    static boolean linuxAvailable() {
        return new LinuxProcessControl().availability().available();
    }

    /** @return true where the Linux provider works and can pin with pidfds */
    static boolean pidfdAvailable() {
        return linuxAvailable() && LinuxPlatform.get().noPidfdReason().isEmpty();
    }

    /** @return true where the macOS provider does not work (everywhere but macOS) */
    static boolean macUnavailable() {
        return !new MacProcessControl().availability().available();
    }
}
