// SPDX-License-Identifier: Apache-2.0
/** Test support shared by core's tests and, through its test jar, by other modules' tests. */
package dev.lifecycle.core.testing;
