// SPDX-License-Identifier: Apache-2.0
/**
 * {@link java.util.ServiceLoader} use shared by provider and extension discovery, and the
 * one rule that picks an instance's VM-type extension and its settings.
 */
package dev.lifecycle.core.internal.discovery;
