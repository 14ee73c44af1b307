// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.plugin;

import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.tck.ProcessControlContract;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The example provider runs the whole conformance kit: this class is all a provider
 * needs. Linux only, like the provider (elsewhere it would say it is unavailable and the
 * kit would skip its process tests with that cause).
 */
@EnabledOnOs(OS.LINUX)
class ExampleProcessControlConformanceTest extends ProcessControlContract {

    @Override
    protected ProcessControl processControl() {
        return new ExampleProcessControl();
    }
}
