package dev.lifecycle.wsl2.stop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in {@code wsl.exe}: a POSIX sh script whose running distros live in the file
 * {@code running} (one per line), so {@code --terminate} really changes the state that the
 * next {@code --list --running --quiet} reports. Every call is appended to
 * {@code calls.log} as {@code <args>|WSL_UTF8=<value>}. Lines are printed with CRLF, like
 * wsl.exe.
 */
final class WslStandIn {

    /** How the stand-in answers. */
    enum Behaviour {
        /** Lists the running distros; {@code --terminate} stops the named one. */
        NORMAL,
        /** {@code --terminate} exits 0 but the distro keeps running. */
        TERMINATE_HAS_NO_EFFECT,
        /** Every call writes its PID and its child's PID, then waits "forever" (a wedged WSL service). */
        HANGS
    }

    static final String LIST = "--list --running --quiet|WSL_UTF8=1";

    private final Path dir;
    private final Path executable;

    private WslStandIn(Path dir, Path executable) {
        this.dir = dir;
        this.executable = executable;
    }

    static String terminate(String distro) {
        return "--terminate " + distro + "|WSL_UTF8=1";
    }

    /**
     * Writes the state and the script into a directory.
     *
     * @param dir an empty directory whose path has no single quote
     * @param behaviour how to answer
     * @param running the distros running at first
     * @return the stand-in
     */
    static WslStandIn install(Path dir, Behaviour behaviour, String... running) throws IOException {
        if (dir.toString().contains("'")) {
            throw new IllegalArgumentException("the script quotes its directory in single quotes: " + dir);
        }
        Files.write(dir.resolve("running"), List.of(running), StandardCharsets.US_ASCII);
        Path exe = dir.resolve("wsl.exe");
        Files.writeString(exe, script(dir, behaviour), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        return new WslStandIn(dir, exe);
    }

    private static String script(Path dir, Behaviour behaviour) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("d='").append(dir).append("'\n");
        s.append("printf '%s|WSL_UTF8=%s\\n' \"$*\" \"${WSL_UTF8-unset}\" >> \"$d/calls.log\"\n");
        if (behaviour == Behaviour.HANGS) {
            // Rename into place so a reader never sees a half-written PID.
            s.append("echo $$ > \"$d/wsl.tmp\" && mv \"$d/wsl.tmp\" \"$d/wsl.pid\"\n");
            s.append("sleep 1000 &\n");
            s.append("echo $! > \"$d/sleep.tmp\" && mv \"$d/sleep.tmp\" \"$d/sleep.pid\"\n");
            s.append("wait\nexit 1\n");
            return s.toString();
        }
        s.append("case \"$1\" in\n");
        s.append("  --list)\n");
        s.append("    while IFS= read -r name; do printf '%s\\r\\n' \"$name\"; done < \"$d/running\"\n");
        s.append("    exit 0 ;;\n");
        s.append("  --terminate)\n");
        if (behaviour == Behaviour.TERMINATE_HAS_NO_EFFECT) {
            s.append("    exit 0 ;;\n");
        } else {
            s.append("    grep -vxF -- \"$2\" \"$d/running\" > \"$d/running.tmp\"\n");
            s.append("    mv \"$d/running.tmp\" \"$d/running\"\n");
            s.append("    printf 'The operation completed successfully.\\r\\n'\n");
            s.append("    exit 0 ;;\n");
        }
        s.append("  *) echo \"stand-in wsl.exe: unexpected arguments $*\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        return s.toString();
    }

    /** @return the script's path, for {@code StopOptions.wslExecutable} */
    Path executable() {
        return executable;
    }

    /** @return every call so far, as {@code <args>|WSL_UTF8=<value>} */
    List<String> calls() throws IOException {
        try {
            return Files.readAllLines(dir.resolve("calls.log"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** @return the distros the stand-in now counts as running */
    List<String> runningNow() throws IOException {
        List<String> now = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("running"), StandardCharsets.US_ASCII)) {
            if (!line.isBlank()) {
                now.add(line);
            }
        }
        return now;
    }

    /** @return the file a hanging call writes its own PID into */
    Path hangingPidFile() {
        return dir.resolve("wsl.pid");
    }

    /** @return the file a hanging call writes its child {@code sleep}'s PID into */
    Path hangingChildPidFile() {
        return dir.resolve("sleep.pid");
    }
}
