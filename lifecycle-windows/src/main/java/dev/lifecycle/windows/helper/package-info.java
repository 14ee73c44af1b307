// SPDX-License-Identifier: Apache-2.0
/**
 * The helper process that delivers Ctrl+Break. Attaching to another process's console
 * replaces the caller's console and resets its control handlers, so this never runs in the
 * host JVM: {@link dev.lifecycle.windows.helper.ConsoleBreakHelper} is a {@code main} started
 * as its own JVM, which serves one request per line ({@link
 * dev.lifecycle.windows.helper.HelperProtocol}) until it is idle or its stdin ends, and
 * answers each with a {@link dev.lifecycle.windows.helper.BreakOutcome}. This package depends
 * on nothing but JNA and lifecycle-api's {@code HostOs}, so that the helper's class path is
 * this module, lifecycle-api and JNA.
 */
package dev.lifecycle.windows.helper;
