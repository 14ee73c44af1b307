// SPDX-License-Identifier: Apache-2.0
/** Checks on the build itself that a unit test can make cheaply, such as the BOM's contents. */
package dev.lifecycle.tck.build;
