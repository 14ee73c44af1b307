// SPDX-License-Identifier: Apache-2.0
/**
 * Keeps README.md true: its dependency blocks and host-app code, taken as they are, build a
 * consumer project (class path and module path) that stops a real instance.
 */
package dev.lifecycle.readme;
