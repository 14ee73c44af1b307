// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a stand-in {@code wsl.exe} (a POSIX sh script) into a directory. The running
 * distros are kept in the file {@code running}, one per line, so {@code --terminate}
 * really flips the state that the next {@code --list --running --quiet} reports, and
 * {@code --list --verbose} prints a table like wsl.exe's (a header, {@code *} before the
 * default distro, each registered distro's state: Running, Stopped or Installing); every
 * invocation is appended to {@code calls.log} as {@code <args>|WSL_UTF8=<value>}. Lines
 * end in CRLF, like wsl.exe's. Output bytes are computed here and written by {@code printf}
 * octal escapes, so no {@code iconv} is needed for UTF-16LE.
 *
 * <p>Public so that the end-to-end tests in {@code dev.lifecycle.wsl2.stop} use the same
 * stand-in as the extension's own tests.
 */
public final class StandInWsl {

    /** A {@code --list --running --quiet} call as {@link #calls()} records it. */
    public static final String LIST = "--list --running --quiet|WSL_UTF8=1";
    /** A {@code --list --verbose} call as {@link #calls()} records it. */
    public static final String LIST_VERBOSE = "--list --verbose|WSL_UTF8=1";

    /** How the stand-in encodes what it prints. */
    public enum Encoding {
        UTF8(new byte[0], StandardCharsets.UTF_8),
        UTF8_BOM(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
        UTF16LE(new byte[0], StandardCharsets.UTF_16LE),
        UTF16LE_BOM(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE);

        private final byte[] bom;
        private final Charset charset;

        Encoding(byte[] bom, Charset charset) {
            this.bom = bom;
            this.charset = charset;
        }
    }

    /** What the stand-in does besides the normal list and terminate. */
    public enum Behaviour {
        /** Lists the running distros; --terminate removes the distro from the state. */
        NORMAL,
        /** --terminate exits 0 but the distro keeps running. */
        TERMINATE_HAS_NO_EFFECT,
        /** --terminate answers like wsl.exe for an unregistered distro, exit 255 (-1 on Windows). */
        TERMINATE_SAYS_NO_SUCH_DISTRO,
        /** --list writes its PID and its child's PID, then sleeps "forever". */
        HANG_ON_LIST,
        /** --terminate writes its PID and its child's PID, then sleeps "forever". */
        HANG_ON_TERMINATE,
        /** Every call writes its PID and its child's PID, then sleeps "forever" (a wedged WSL service). */
        HANG_ON_EVERY_CALL,
        /** --list with nothing running says so and exits 255, like older wsl.exe. */
        LIST_SAYS_NONE_RUNNING_WITH_ERROR,
        /** --list fails with an error wsl.exe might print when the service is broken. */
        LIST_FAILS,
        /** --list says WSL has no installed distributions at all and exits 255, as wsl.exe does. */
        NO_DISTRIBUTIONS
    }

    private final Path dir;
    private Encoding encoding = Encoding.UTF8;
    private Behaviour behaviour = Behaviour.NORMAL;
    private final Set<String> running = new LinkedHashSet<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> installing = new LinkedHashSet<>();
    private String defaultDistro = "";

    private StandInWsl(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir the directory for the script, its state and its log; its path must have no single quote
     * @return a stand-in with nothing running, in UTF-8, behaving normally, not yet installed
     */
    public static StandInWsl in(Path dir) {
        return new StandInWsl(dir);
    }

    /**
     * @param distro a distro name
     * @return a {@code --terminate} call of it as {@link #calls()} records it
     */
    public static String terminate(String distro) {
        return "--terminate " + distro + "|WSL_UTF8=1";
    }

    /**
     * @param distros distros running when the stand-in is installed
     * @return this
     */
    public StandInWsl running(String... distros) {
        running.addAll(List.of(distros));
        known.addAll(List.of(distros));
        return this;
    }

    /**
     * @param distros distros registered but not running (Stopped in {@code --list --verbose})
     * @return this
     */
    public StandInWsl stopped(String... distros) {
        known.addAll(List.of(distros));
        return this;
    }

    /**
     * @param distros distros being installed (Installing in {@code --list --verbose}, never running)
     * @return this
     */
    public StandInWsl installing(String... distros) {
        installing.addAll(List.of(distros));
        return this;
    }

    /**
     * @param distro the distro {@code --list --verbose} marks with {@code *}, as wsl.exe marks the default one
     * @return this
     */
    public StandInWsl defaultDistro(String distro) {
        this.defaultDistro = distro;
        return this;
    }

    /**
     * @param encoding how the stand-in encodes what it prints
     * @return this
     */
    public StandInWsl encoding(Encoding encoding) {
        this.encoding = encoding;
        return this;
    }

    /**
     * @param behaviour how the stand-in answers
     * @return this
     */
    public StandInWsl behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /**
     * Writes the state and the script.
     *
     * @return the stand-in's path, as {@link #executable()}
     * @throws IOException if the directory cannot be written
     */
    public Path install() throws IOException {
        if (dir.toString().contains("'")) {
            throw new IllegalStateException("the stand-in quotes its directory in single quotes: " + dir);
        }
        Files.write(dir.resolve("running"), running.isEmpty() ? List.of() : List.copyOf(running),
                StandardCharsets.US_ASCII);
        Path script = executable();
        Files.writeString(script, script(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** @return the script's path, for the WSL2 extension's {@code executable} setting */
    public Path executable() {
        return dir.resolve("wsl.exe");
    }

    /**
     * @return the invocations so far, as {@code <args>|WSL_UTF8=<value>}
     * @throws IOException if the log cannot be read
     */
    public List<String> calls() throws IOException {
        try {
            return Files.readAllLines(dir.resolve("calls.log"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * @return the distros the stand-in now counts as running
     * @throws IOException if the state cannot be read
     */
    public List<String> runningNow() throws IOException {
        List<String> now = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("running"), StandardCharsets.US_ASCII)) {
            if (!line.isBlank()) {
                now.add(line);
            }
        }
        return now;
    }

    /** @return the PID file a hanging invocation writes for itself */
    public Path wslPidFile() {
        return dir.resolve("wsl.pid");
    }

    /** @return the PID file a hanging invocation writes for its child {@code sleep} */
    public Path sleepPidFile() {
        return dir.resolve("sleep.pid");
    }

    private String script() {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("d='").append(dir).append("'\n");
        s.append("printf '%s|WSL_UTF8=%s\\n' \"$*\" \"${WSL_UTF8-unset}\" >> \"$d/calls.log\"\n");
        s.append("emit() {\n  case \"$1\" in\n");
        for (String distro : known) {
            s.append("    '").append(distro).append("') printf '").append(octal(encode(distro + "\r\n")))
                    .append("' ;;\n");
        }
        s.append("  esac\n}\n");
        // Rename into place so a reader never sees a half-written PID.
        s.append("hang() {\n"
                + "  echo $$ > \"$d/wsl.tmp\" && mv \"$d/wsl.tmp\" \"$d/wsl.pid\"\n"
                + "  sleep 1000 &\n"
                + "  echo $! > \"$d/sleep.tmp\" && mv \"$d/sleep.tmp\" \"$d/sleep.pid\"\n"
                + "  wait\n"
                + "  exit 1\n"
                + "}\n");
        if (behaviour == Behaviour.HANG_ON_EVERY_CALL) {
            s.append("hang\n");
        }
        s.append("vrow() {\n  case \"$1\" in\n");
        for (String distro : known) {
            s.append("    '").append(distro).append("') if grep -qxF -- '").append(distro).append("' \"$d/running\"; then printf '")
                    .append(octal(encode(row(distro, "Running")))).append("'; else printf '")
                    .append(octal(encode(row(distro, "Stopped")))).append("'; fi ;;\n");
        }
        s.append("  esac\n}\n");
        s.append("case \"$1\" in\n");
        s.append("  --list)\n");
        if (behaviour == Behaviour.HANG_ON_LIST) {
            s.append("    hang\n");
        }
        if (behaviour == Behaviour.NO_DISTRIBUTIONS) {
            s.append("    printf '").append(octal(message("Windows Subsystem for Linux has no installed distributions.\r\n"
                    + "You can resolve this by installing a distribution with the instructions below:\r\n"
                    + "\r\nUse 'wsl.exe --list --online' to list available distributions\r\n")))
                    .append("'\n    exit 255\n");
        }
        if (behaviour == Behaviour.LIST_FAILS) {
            s.append("    printf '").append(octal(message("Catastrophic failure\r\nError code: Wsl/E_UNEXPECTED\r\n")))
                    .append("'\n    exit 255\n");
        }
        if (behaviour == Behaviour.LIST_SAYS_NONE_RUNNING_WITH_ERROR) {
            s.append("    if [ ! -s \"$d/running\" ]; then printf '")
                    .append(octal(message("There are no running distributions.\r\n"))).append("'; exit 255; fi\n");
        }
        s.append("    printf '").append(octal(encoding.bom)).append("'\n");
        s.append("    if [ \"$2\" = --verbose ]; then\n");
        s.append("      printf '").append(octal(encode("  NAME                   STATE           VERSION\r\n"))).append("'\n");
        for (String distro : known) {
            s.append("      vrow '").append(distro).append("'\n");
        }
        for (String distro : installing) {
            s.append("      printf '").append(octal(encode(row(distro, "Installing")))).append("'\n");
        }
        s.append("      exit 0\n    fi\n");
        s.append("    while IFS= read -r name; do emit \"$name\"; done < \"$d/running\"\n");
        s.append("    exit 0 ;;\n");
        s.append("  --terminate)\n");
        switch (behaviour) {
            case HANG_ON_TERMINATE:
                s.append("    hang\n");
                break;
            case TERMINATE_SAYS_NO_SUCH_DISTRO:
                s.append("    printf '").append(octal(message("There is no distribution with the supplied name.\r\n"
                        + "Error code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\r\n"))).append("'\n    exit 255\n");
                break;
            case TERMINATE_HAS_NO_EFFECT:
                s.append("    exit 0\n");
                break;
            default:
                break;
        }
        s.append("    grep -vxF -- \"$2\" \"$d/running\" > \"$d/running.tmp\"\n");
        s.append("    mv \"$d/running.tmp\" \"$d/running\"\n");
        s.append("    printf '").append(octal(message("The operation completed successfully.\r\n"))).append("'\n");
        s.append("    exit 0 ;;\n");
        s.append("  *) echo \"stand-in wsl.exe: unexpected arguments $*\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        return s.toString();
    }

    /** One row of {@code --list --verbose}, padded as wsl.exe pads it. */
    private String row(String distro, String state) {
        return (distro.equals(defaultDistro) ? "* " : "  ") + String.format("%-22s %-15s 2\r\n", distro, state);
    }

    /** A list line in the chosen encoding, without the BOM (wsl.exe writes that once, at the start). */
    private byte[] encode(String text) {
        return text.getBytes(encoding.charset);
    }

    /** A whole message in the chosen encoding, with the BOM if the encoding has one. */
    private byte[] message(String text) {
        byte[] body = encode(text);
        byte[] all = new byte[encoding.bom.length + body.length];
        System.arraycopy(encoding.bom, 0, all, 0, encoding.bom.length);
        System.arraycopy(body, 0, all, encoding.bom.length, body.length);
        return all;
    }

    private static String octal(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("\\%03o", b & 0xFF));
        }
        return s.toString();
    }
}
