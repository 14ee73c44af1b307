// SPDX-License-Identifier: Apache-2.0
/**
 * The WSL2 {@link dev.lifecycle.spi.VmTypeExtension}: terminates the distro
 * {@code lima-<name>} as the driver step of the forced path, through a bounded
 * {@code wsl.exe}. Exports nothing: it only provides.
 */
module dev.lifecycle.wsl2 {
    requires dev.lifecycle.api;
    requires org.slf4j;

    provides dev.lifecycle.spi.VmTypeExtension with dev.lifecycle.wsl2.Wsl2VmTypeExtension;
}
