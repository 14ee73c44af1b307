// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.VmTypeExtension;
import dev.lifecycle.tck.VmTypeExtensionContract;

/** The WSL2 extension passes the SPI conformance kit for VM-type extensions. */
class Wsl2VmTypeExtensionConformanceTest extends VmTypeExtensionContract {
    @Override
    protected VmTypeExtension vmTypeExtension() {
        return new Wsl2VmTypeExtension();
    }

    @Override
    protected VmType supportedVmType() {
        return VmType.WSL2;
    }
}
