// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAgentLogTest {

    private static final String RUNNING = "{\"time\":\"2024-05-01T10:00:00Z\",\"status\":{\"running\":true}}\n";
    private static final String EXITING = "{\"time\":\"2024-05-01T10:00:05Z\",\"status\":{\"exiting\":true}}\n";

    @TempDir
    Path dir;

    private void append(String text) throws Exception {
        Files.writeString(dir.resolve("ha.stdout.log"), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void onlyAnExitingEventAfterTheOffsetCounts() throws Exception {
        append(RUNNING + EXITING); // an earlier run's clean exit
        long offset = HostAgentLog.end(dir).getAsLong();
        append(RUNNING);
        assertFalse(HostAgentLog.exitedCleanlySince(dir, offset), "the old exiting event is before the offset");
        append("not json at all\n{\"status\":{\"exiting\":false}}\n");
        assertFalse(HostAgentLog.exitedCleanlySince(dir, offset));
        append(EXITING);
        assertTrue(HostAgentLog.exitedCleanlySince(dir, offset));
    }

    @Test
    void aReplacedLogIsReadFromTheStart() throws Exception {
        append(RUNNING.repeat(20));
        long offset = HostAgentLog.end(dir).getAsLong();
        Files.writeString(dir.resolve("ha.stdout.log"), EXITING); // a new, shorter log
        assertTrue(HostAgentLog.exitedCleanlySince(dir, offset));
    }

    @Test
    void noLogMeansNoEvidence() throws Exception {
        assertEquals(OptionalLong.empty(), HostAgentLog.end(dir));
        assertFalse(HostAgentLog.exitedCleanlySince(dir, 0));
        Files.createDirectories(dir.resolve("ha.stdout.log"));
        assertEquals(OptionalLong.empty(), HostAgentLog.end(dir), "a directory is not a log");
        assertFalse(HostAgentLog.exitedCleanlySince(dir, 0));
    }
}
