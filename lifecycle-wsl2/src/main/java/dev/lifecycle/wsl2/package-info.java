// SPDX-License-Identifier: Apache-2.0
/**
 * The WSL2 VM-type extension. A WSL2 instance {@code x} runs as the WSL distro
 * {@code lima-x} and has no driver PID, so the driver step of the forced path is
 * {@code wsl.exe --terminate lima-x}, confirmed by {@code wsl.exe --list --running --quiet}.
 *
 * <p>{@link dev.lifecycle.wsl2.Wsl2VmTypeExtension} is the provider;
 * {@code Wsl2DistroTerminator} runs the steps; {@code WslClient} runs {@code wsl.exe}
 * through the stop's bounded command runner (any call can hang when the WSL service is
 * wedged); {@code WslExecutable} finds the program; {@code WslOutputDecoder} reads its
 * output, which is UTF-16LE unless {@code WSL_UTF8=1} is honoured.
 */
package dev.lifecycle.wsl2;
