// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written is a failure: said on stderr, with a non-zero exit code. */
class OutputFailureTest {

    private static final File FULL_DEVICE = new File("/dev/full");

    @TempDir
    Path home;

    @TempDir
    Path logs;

    @BeforeEach
    void oneStoppedInstance() throws IOException {
        Files.createDirectories(home.resolve("default"));
        Files.writeString(home.resolve("default").resolve("lima.yaml"), "vmType: qemu\n");
        Files.writeString(home.resolve("default").resolve("ha.sock"), "");
    }

    @Test
    void stopJsonToAFullDeviceExitsNonZeroAndSaysWhy() throws Exception {
        assumeTrue(FULL_DEVICE.exists(), "no /dev/full on this OS");
        Path err = logs.resolve("stderr.txt");

        Process p = ChildCli.command(List.of(), "stop", "--json", "--lima-home", home.toString(), "default")
                .redirectOutput(FULL_DEVICE).redirectError(err.toFile()).start();
        int code = ChildCli.await(p);

        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OUTPUT_FAILED, code, stderr);
        assertTrue(stderr.contains("lifecycle stop: error: cannot write to standard output (No space left on device)"),
                stderr);
        // The stop itself ran: only the report was lost.
        assertFalse(Files.exists(home.resolve("default").resolve("ha.sock")));
    }

    @Test
    void versionToAFullDeviceExitsNonZero() throws Exception {
        assumeTrue(FULL_DEVICE.exists(), "no /dev/full on this OS");
        Path err = logs.resolve("stderr.txt");

        Process p = ChildCli.command(List.of(), "--version").redirectOutput(FULL_DEVICE).redirectError(err.toFile()).start();

        assertEquals(ExitCodes.OUTPUT_FAILED, ChildCli.await(p), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aWriteErrorIsReportedOnStderrWithItsCause() {
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.of(new CheckedWriter(new FailingStream(), StandardCharsets.UTF_8),
                new PrintWriter(err, true), Map.of(), Path.of("/nonexistent-user-home"));

        int code = LifecycleCli.run(ctx, "list", "--lima-home", home.toString());

        assertEquals(ExitCodes.OUTPUT_FAILED, code, err.toString());
        assertEquals("lifecycle list: error: cannot write to standard output (No space left on device): what it"
                + " printed there is lost", err.toString().strip());
    }

    @Test
    void writingSuccessfullyChangesNothing() {
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CliContext ctx = CliContext.of(new CheckedWriter(out, StandardCharsets.UTF_8), new PrintWriter(err, true),
                Map.of(), Path.of("/nonexistent-user-home"));

        int code = LifecycleCli.run(ctx, "list", "--lima-home", home.toString());

        assertEquals(ExitCodes.OK, code, err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("default"), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString());
    }

    /** A stream that fails as a full disk does. */
    private static final class FailingStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    }
}
