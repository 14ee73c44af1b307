// SPDX-License-Identifier: Apache-2.0
/**
 * The conformance kit for SPI implementers.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.tck.ProcessControlContract} — extend it in your test sources
 *       and return your provider from {@code processControl()}; its tests start real
 *       processes and check identity, refusals, signals, exit watching and threads.</li>
 *   <li>{@link dev.lifecycle.tck.VmTypeExtensionContract} — the same for a VM-type
 *       extension, with a scripted command runner in place of real commands.</li>
 * </ul>
 *
 * <p>Every failure names the clause of {@code docs/spi-contract.md} it enforces, for
 * example {@code Contract §3 (identity): ...}.
 */
package dev.lifecycle.tck;
