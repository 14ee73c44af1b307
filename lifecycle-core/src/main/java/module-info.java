// SPDX-License-Identifier: Apache-2.0
/**
 * Lifecycle's implementation: the {@link dev.lifecycle.api.InstanceStopper}, provider
 * discovery, the Lima directory reader, disk locks, stale-file cleanup, a bounded command
 * runner and a pure-JDK fallback {@link dev.lifecycle.spi.ProcessControl}. Only
 * {@code dev.lifecycle.core} is exported; everything under {@code internal} is not.
 */
module dev.lifecycle.core {
    requires transitive dev.lifecycle.api;
    requires org.slf4j;
    requires org.snakeyaml.engine;

    exports dev.lifecycle.core;

    uses dev.lifecycle.spi.ProcessControl;
    uses dev.lifecycle.spi.VmTypeExtension;

    provides dev.lifecycle.spi.ProcessControl with dev.lifecycle.core.internal.jdk.JdkProcessControl;
}
