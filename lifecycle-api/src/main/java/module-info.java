// SPDX-License-Identifier: Apache-2.0
/**
 * Lifecycle's public API ({@code dev.lifecycle.api}) and provider SPI
 * ({@code dev.lifecycle.spi}). This module has no dependencies; the implementation lives
 * in {@code dev.lifecycle.core} and the per-OS providers in their own modules.
 */
module dev.lifecycle.api {
    exports dev.lifecycle.api;
    exports dev.lifecycle.spi;

    uses dev.lifecycle.spi.ProcessControl;
    uses dev.lifecycle.spi.VmTypeExtension;
}
