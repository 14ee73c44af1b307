// SPDX-License-Identifier: Apache-2.0
/**
 * The pure-JDK fallback {@link dev.lifecycle.spi.ProcessControl}, built on
 * {@link java.lang.ProcessHandle}: works everywhere without JNA, at the lowest priority,
 * with the JDK's known limits (exit noticed by polling, a zombie counts as alive, no pin
 * against PID reuse between the check and the signal, no graceful interrupt on Windows).
 */
package dev.lifecycle.core.internal.jdk;
