// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

/** Turns a failure to load JNA or a system library into a cause a user can act on. */
final class NativeLoadFailures {

    private NativeLoadFailures() {
    }

    /**
     * @param library the library that was loaded, e.g. {@code libc}
     * @param failure what loading threw
     * @return the cause
     */
    static String cause(String library, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof NoClassDefFoundError && message.contains("com/sun/jna")) {
            return "JNA is not on the class path (" + message + "): add net.java.dev.jna:jna and"
                    + " net.java.dev.jna:jna-platform, as the lifecycle-unix POM declares";
        }
        if (failure instanceof UnsatisfiedLinkError) {
            return "JNA could not load its native part or " + library + " (" + message + "). JNA unpacks its"
                    + " native part into a temporary directory: start Java with -Djna.tmpdir=DIR, DIR a directory"
                    + " this user can write to that is not mounted noexec (or fix java.io.tmpdir), or install"
                    + " JNA's native library and point -Djna.boot.library.path at it";
        }
        return "loading " + library + " through JNA failed: " + failure;
    }
}
