// SPDX-License-Identifier: Apache-2.0
/**
 * A small, correct {@link dev.lifecycle.spi.ProcessControl} and
 * {@link dev.lifecycle.spi.VmTypeExtension} written only for the kit's self-tests, and
 * variants of them that each break one clause of the contract. Linux only: zombies are
 * told apart through {@code /proc}.
 */
package dev.lifecycle.tck.reference;
