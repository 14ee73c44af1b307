// SPDX-License-Identifier: Apache-2.0
/** Test fixtures for the Lima directory reader: homes, instance directories, stand-in processes. */
package dev.lifecycle.core.lima;
