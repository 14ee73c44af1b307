/**
 * The native boundary of the Windows provider, kept thin on purpose: {@link
 * dev.lifecycle.windows.win32.WindowsNative} names exactly the Win32 calls the logic needs
 * (handles as plain {@code long} values), {@link dev.lifecycle.windows.win32.JnaWindowsNative}
 * is its only real implementation over jna-platform's {@code Kernel32}, and {@link
 * dev.lifecycle.windows.win32.Win32} re-exports the constants it uses from jna-platform.
 * Everything above this package is plain Java and unit tested against mocks or a fake of
 * {@code WindowsNative}.
 */
package dev.lifecycle.windows.win32;
