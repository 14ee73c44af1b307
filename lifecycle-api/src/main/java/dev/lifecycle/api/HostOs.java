// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The operating system a JVM runs on, as Lifecycle tells it from the {@code os.name} system
 * property. This is the one place that decides: the platform default VM type, the
 * providers' availability, the command runner and the examples all ask here, so that they
 * can never disagree about where they run.
 */
public enum HostOs {
    /** Linux, WSL included ({@code os.name} starts with {@code Linux}). */
    LINUX,
    /** macOS ({@code Mac OS X}; {@code Darwin} on some JVMs). */
    MACOS,
    /** Windows, any version. */
    WINDOWS,
    /** Anything else (FreeBSD, Solaris, AIX, ...). */
    OTHER;

    /**
     * The operating system of the running JVM.
     *
     * @return what {@link #of(String)} says for {@code System.getProperty("os.name")}
     */
    public static HostOs current() {
        return of(System.getProperty("os.name", ""));
    }

    /**
     * The operating system an {@code os.name} value names, ignoring case and surrounding blanks.
     *
     * @param osName a value like {@code System.getProperty("os.name")}, e.g. {@code "Mac OS X"}
     * @return the operating system, {@link #OTHER} when it is none Lifecycle tells apart
     */
    public static HostOs of(String osName) {
        String os = Objects.requireNonNull(osName, "osName").strip().toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return LINUX;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        return OTHER;
    }
}
