// SPDX-License-Identifier: Apache-2.0
/** The core's own provider runs the conformance kit, as every provider does. */
package dev.lifecycle.core.tck;
