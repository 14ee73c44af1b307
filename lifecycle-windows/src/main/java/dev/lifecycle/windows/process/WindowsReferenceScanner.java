// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import dev.lifecycle.spi.InstanceReference;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ReferenceScan;
import dev.lifecycle.windows.win32.OtherProcessException;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32CallException;
import dev.lifecycle.windows.win32.Win32Calls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the processes that refer to an instance directory by their command lines, read
 * with {@code ProcessCommandLineInformation} on a handle that may only query: the JDK reads
 * no arguments on Windows. Processes the user may not open (another user's, protected ones)
 * are counted as unread.
 */
public final class WindowsReferenceScanner {

    private final Win32Calls calls;

    /**
     * @param calls the native calls
     */
    public WindowsReferenceScanner(Win32Calls calls) {
        this.calls = calls;
    }

    /**
     * @param instanceDirectory the instance directory
     * @param pids every PID to look at (the current process is skipped)
     * @return the processes whose command line refers to the directory
     */
    public ReferenceScan scan(Path instanceDirectory, List<Long> pids) {
        InstanceReference.Matcher matcher = InstanceReference.matcher(instanceDirectory);
        List<ReferenceScan.Referrer> referring = new ArrayList<>();
        int unread = 0;
        long self = calls.self();
        for (long pid : pids) {
            if (pid == self || pid <= Win32.SYSTEM_PID) {
                continue; // the System and Idle processes have no command line
            }
            String line;
            try {
                long handle = calls.openProcess(pid, Win32.PROCESS_QUERY_LIMITED_INFORMATION);
                try {
                    line = calls.commandLine(handle);
                } finally {
                    calls.close(handle);
                }
            } catch (OtherProcessException e) {
                continue; // the PID is gone or names the caller: nothing to read
            } catch (Win32CallException e) {
                if (e.error() != Win32.ERROR_INVALID_PARAMETER) {
                    unread++; // ERROR_INVALID_PARAMETER: exited since it was listed
                }
                continue;
            }
            InstanceReference r = matcher.classify(ProcessEvidence.commandLineOnly(WindowsCommandLine.split(line),
                    "open files are not read on Windows"));
            if (r.kind() == InstanceReference.Kind.THIS_INSTANCE || r.kind() == InstanceReference.Kind.THIS_AND_OTHER) {
                referring.add(new ReferenceScan.Referrer(pid, "PID " + pid + ": " + r.detail()));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("open files are not read on Windows");
        if (unread > 0) {
            notes.add("the command lines of " + unread + " processes could not be read (other users' or protected)");
        }
        return new ReferenceScan(referring, notes);
    }
}
