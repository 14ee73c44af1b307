// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What the CLI says about the directories of a Lima home that are not instances (they hold no
 * {@code lima.yaml}): they are never touched, and the user is told so in one line — most often
 * the sign of {@code --lima-home} or {@code LIMA_HOME} pointing at the wrong directory.
 */
final class NonInstances {

    /** Names shown before the rest is counted. */
    private static final int SHOWN = 8;

    private NonInstances() {
    }

    /**
     * @param names the directories without {@code lima.yaml}, not empty
     * @return e.g. {@code Left alone, not Lima instances (no lima.yaml): projects, run}
     */
    static String leftAlone(List<String> names) {
        return "Left alone, not Lima instances (no lima.yaml): " + names(names);
    }

    /**
     * @param home the Lima home
     * @param others its directories without {@code lima.yaml}
     * @param consequence what did not happen, e.g. {@code nothing was stopped or removed}
     * @return one line saying the home has no instance, and why that may be
     */
    static String noInstances(Path home, List<String> others, String consequence) {
        if (others.isEmpty()) {
            return "No Lima instances in " + home + "; " + consequence + ".";
        }
        return "No Lima instances in " + home + ": none of its directories (" + names(others) + ") has a lima.yaml, so "
                + consequence + ". Is it the directory that holds your Lima instances (--lima-home, LIMA_HOME)?";
    }

    private static String names(List<String> names) {
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }
}
