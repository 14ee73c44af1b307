// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WslOutputDecoderTest {

    private static final String LISTING = "Ubuntu\r\nlima-dev\r\n";

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void decodesPlainUtf8() {
        assertEquals(List.of("Ubuntu", "lima-dev"), WslOutputDecoder.lines(LISTING.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesUtf8WithBom() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, LISTING.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("Ubuntu", "lima-dev"), WslOutputDecoder.lines(bytes));
    }

    @Test
    void decodesUtf16LeWithoutBom() {
        assertEquals(List.of("Ubuntu", "lima-dev"),
                WslOutputDecoder.lines(LISTING.getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void decodesUtf16LeWithBom() {
        byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, LISTING.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(List.of("Ubuntu", "lima-dev"), WslOutputDecoder.lines(bytes));
    }

    @Test
    void decodesUtf16BeWithBom() {
        byte[] bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, LISTING.getBytes(StandardCharsets.UTF_16BE));
        assertEquals(List.of("Ubuntu", "lima-dev"), WslOutputDecoder.lines(bytes));
    }

    @Test
    void decodesASingleOneLetterUtf16LeName() {
        assertEquals(List.of("x"), WslOutputDecoder.lines(new byte[] {'x', 0}));
    }

    @Test
    void keepsNonAsciiUtf8() {
        assertEquals(List.of("Übuntu", "lima-dev"),
                WslOutputDecoder.lines("Übuntu\nlima-dev\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dropsBlankLinesDoubledCarriageReturnsAndStrayNuls() {
        byte[] bytes = "\r\r\n  lima-dev \u0000\r\r\n\r\n\tUbuntu\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("lima-dev", "Ubuntu"), WslOutputDecoder.lines(bytes));
    }

    @Test
    void decodesNothingAsNoLines() {
        assertEquals(List.of(), WslOutputDecoder.lines(new byte[0]));
        assertEquals("", WslOutputDecoder.decode(new byte[0]));
    }

    @Test
    void joinsLinesWithNewlinesOnly() {
        assertEquals("a\nb\n", WslOutputDecoder.decode("a\r\nb\r\n".getBytes(StandardCharsets.UTF_16LE)));
    }
}
