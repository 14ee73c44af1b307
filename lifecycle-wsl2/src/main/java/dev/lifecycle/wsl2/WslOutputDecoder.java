// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what {@code wsl.exe} prints. It writes UTF-16LE unless {@code WSL_UTF8=1} is set,
 * and some versions or error paths ignore that variable, so both are accepted, with or
 * without a byte-order mark.
 */
final class WslOutputDecoder {

    private WslOutputDecoder() {
    }

    /**
     * Decodes output as UTF-8 or UTF-16 (a BOM decides; without one, NUL bytes at odd
     * offsets — the high bytes of ASCII characters in UTF-16LE — mean UTF-16LE), then drops
     * NUL characters, byte-order marks and carriage returns.
     *
     * @param bytes the raw output
     * @return the text, lines separated by {@code \n}
     */
    static String decode(byte[] bytes) {
        String text;
        if (startsWith(bytes, 0xFF, 0xFE)) {
            text = decode(bytes, 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            text = decode(bytes, 2, StandardCharsets.UTF_16BE);
        } else if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            text = decode(bytes, 3, StandardCharsets.UTF_8);
        } else if (looksLikeUtf16Le(bytes)) {
            text = decode(bytes, 0, StandardCharsets.UTF_16LE);
        } else {
            text = decode(bytes, 0, StandardCharsets.UTF_8);
        }
        // wsl.exe ends lines with \r\n and sometimes \r\r\n; a stray NUL survives a wrong guess.
        return text.replace("\u0000", "").replace("\uFEFF", "").replace("\r", "");
    }

    /**
     * The non-blank lines of the output, stripped of surrounding whitespace.
     *
     * @param bytes the raw output
     * @return the lines, possibly none
     */
    static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        for (String line : decode(bytes).split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                lines.add(stripped);
            }
        }
        return List.copyOf(lines);
    }

    /**
     * UTF-8 text never holds NUL bytes, while UTF-16LE text of ASCII characters (distro
     * names, wsl.exe's messages) has one at every odd offset.
     */
    private static boolean looksLikeUtf16Le(byte[] bytes) {
        int oddNuls = 0;
        int evenNuls = 0;
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            if (bytes[i] == 0) {
                evenNuls++;
            }
            if (bytes[i + 1] == 0) {
                oddNuls++;
            }
        }
        return oddNuls > evenNuls;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] bytes, int offset, Charset charset) {
        return new String(bytes, offset, bytes.length - offset, charset);
    }
}
