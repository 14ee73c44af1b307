// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

/** The floor of a JVM start: a {@code main} that does nothing, started from this jar. */
public final class BareMain {

    private BareMain() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        // nothing: the JVM starts, runs this and exits
    }
}
