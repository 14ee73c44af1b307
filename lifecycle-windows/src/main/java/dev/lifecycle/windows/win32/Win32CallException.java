// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

/**
 * A Win32 call failed: which call, on what, and its error code (as Unix's {@code
 * ErrnoException} and jna-platform's {@code Win32Exception} do, without the native {@code
 * FormatMessage} call, so that it can be made and tested on any OS).
 */
public final class Win32CallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int error;

    /**
     * @param call the call with its arguments, e.g. {@code OpenProcess(4242)}
     * @param error the Win32 error code
     */
    public Win32CallException(String call, int error) {
        super(call + ": " + Win32.errorName(error));
        this.call = call;
        this.error = error;
    }

    /** @return the call with its arguments */
    public String call() {
        return call;
    }

    /** @return the Win32 error code */
    public int error() {
        return error;
    }
}
