// SPDX-License-Identifier: Apache-2.0
/** Examples: the CLI and the demo, built on the public API only. */
package dev.lifecycle.examples;
