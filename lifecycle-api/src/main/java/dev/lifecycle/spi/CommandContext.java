// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.time.Duration;
import java.util.Map;

/**
 * What the core hands a {@link VmTypeExtension} for any call that may run its tool: the
 * host app's settings for that extension, a runner that bounds every external command, and
 * the limit each command gets. {@link ExtensionContext} adds what a stop needs on top.
 */
public interface CommandContext {

    /**
     * The host app's settings for this extension: those it gave under this extension's
     * {@link VmTypeExtension#id() id} — to the stopper
     * ({@code InstanceStoppers.builder().extensionSettings(id, settings)}) or to the Lima
     * home it lists ({@code LimaHome.withExtensionSettings(id, settings)}) — and no others. The core passes them through without
     * reading them; each extension documents the names it reads (the WSL2 extension:
     * {@code executable}, the {@code wsl.exe} to run) and what it does when one is absent
     * (typically: its own system property, then a default).
     *
     * @return the settings by name, possibly empty; never null
     */
    Map<String, String> settings();

    /** @return a runner that bounds every external command by a timeout */
    CommandRunner commands();

    /**
     * The limit for each external command: an extension passes at most this to
     * {@link CommandRunner#run}.
     *
     * @return a positive duration
     */
    Duration commandTimeout();
}
