// SPDX-License-Identifier: Apache-2.0
/**
 * The native boundary of the Windows provider, kept thin on purpose: {@link
 * dev.lifecycle.windows.win32.WindowsNative} names exactly the Win32 calls the logic needs
 * (handles as plain {@code long} values, failures as return values), {@link
 * dev.lifecycle.windows.win32.JnaWindowsNative} is its only real implementation over
 * jna-platform's {@code Kernel32} (plus the two functions jna-platform lacks), and {@link
 * dev.lifecycle.windows.win32.Win32} re-exports the constants it uses. {@link
 * dev.lifecycle.windows.win32.Win32Calls} is the Java-friendly layer on top, where failures
 * are {@link dev.lifecycle.windows.win32.Win32CallException}s and every process open is
 * checked against the PID asked for. Everything above this package is plain Java and unit
 * tested against mocks or a fake of {@code WindowsNative}.
 */
package dev.lifecycle.windows.win32;
