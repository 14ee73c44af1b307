// SPDX-License-Identifier: Apache-2.0
/**
 * Lifecycle's conformance kit: abstract JUnit 5 suites that a provider of
 * {@link dev.lifecycle.spi.ProcessControl} or {@link dev.lifecycle.spi.VmTypeExtension}
 * extends in its own test sources to prove that it keeps the contract written in
 * {@code docs/spi-contract.md}. Both the SPI and JUnit's API come with it, so a
 * provider's test needs nothing else to compile.
 */
module dev.lifecycle.tck {
    requires transitive dev.lifecycle.api;
    requires transitive org.junit.jupiter.api;

    exports dev.lifecycle.tck;
    // JUnit reflects on the suites' (inherited, non-public) test methods.
    opens dev.lifecycle.tck to org.junit.platform.commons;
}
