// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * A {@link PrintWriter} that remembers why a write failed. A plain {@code PrintWriter} (and
 * {@code System.out}) swallows write errors and keeps only a flag, so a full disk or a
 * closed pipe would lose the output silently; the CLI asks {@link #failure()} at the end and
 * turns a failure into a message on stderr and a non-zero exit code.
 */
public final class CheckedWriter extends PrintWriter {

    private final Recording stream;

    /**
     * @param out the byte stream to write to, e.g. standard output's file descriptor
     * @param charset the encoding
     */
    public CheckedWriter(OutputStream out, Charset charset) {
        this(new Recording(out), charset);
    }

    private CheckedWriter(Recording stream, Charset charset) {
        super(new OutputStreamWriter(stream, charset), true);
        this.stream = stream;
    }

    /**
     * Flushes, then tells whether any write failed.
     *
     * @return the first write error, if there was one
     */
    public Optional<IOException> failure() {
        if (!checkError()) {
            return Optional.empty();
        }
        return Optional.of(stream.first != null ? stream.first : new IOException("the stream reported an error"));
    }

    /** Passes bytes through and keeps the first error it saw. */
    private static final class Recording extends FilterOutputStream {

        private volatile IOException first;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                remember(e);
                throw e;
            }
        }

        private synchronized void remember(IOException e) {
            if (first == null) {
                first = e;
            }
        }
    }
}
