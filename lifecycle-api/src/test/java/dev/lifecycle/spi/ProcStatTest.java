// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

    /** Fields 4..52 of a real line, after state; starttime (field 22) is 8123456. */
    private static final String AFTER_STATE = " 1 4242 4242 0 -1 4194560 91 0 0 0 0 0 0 0 20 0 1 0 8123456"
            + " 2449408 191 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    @TempDir
    Path proc;

    @Test
    void readsStateAndStartTime() {
        ProcStat stat = ProcStat.parse("4242 (sleep) S" + AFTER_STATE);

        assertEquals(4242, stat.pid());
        assertEquals("sleep", stat.comm());
        assertEquals('S', stat.state());
        assertEquals(8123456L, stat.startTicks());
        assertFalse(stat.exited());
    }

    @Test
    void splitsAfterTheLastParenthesisSoThatCommMayContainAnything() {
        ProcStat stat = ProcStat.parse("77 (a) Z 1 (b) c)) R" + AFTER_STATE);

        assertEquals("a) Z 1 (b) c)", stat.comm());
        assertEquals('R', stat.state());
        assertEquals(8123456L, stat.startTicks());
    }

    @Test
    void acceptsSpacesAndNewlinesInComm() {
        ProcStat stat = ProcStat.parse("9 (my\nweird name ) Z" + AFTER_STATE);

        assertEquals("my\nweird name ", stat.comm());
        assertTrue(stat.exited());
    }

    @Test
    void countsZombiesAndDeadTasksAsExited() {
        assertTrue(ProcStat.parse("9 (x) Z" + AFTER_STATE).exited());
        assertTrue(ProcStat.parse("9 (x) X" + AFTER_STATE).exited());
        assertFalse(ProcStat.parse("9 (x) D" + AFTER_STATE).exited());
    }

    @Test
    void rejectsWhatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 sleep S 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("x (sleep) S" + AFTER_STATE));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 (sleep) S 1 2 3\n"));
        assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("12 (sleep) S" + AFTER_STATE.replace("8123456", "soon")));
    }

    @Test
    void readsFromAProcDirectoryAndTellsAnAbsentOne() throws IOException {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/stat"), "4242 (sleep) S" + AFTER_STATE);

        assertEquals(8123456L, ProcStat.read(proc, 4242).orElseThrow().startTicks());
        assertTrue(ProcStat.read(proc, 4243).isEmpty());
    }

    @Test
    void hasExitedOnlyWhenProcfsProvesIt() throws IOException {
        write(10, "10 (sleep) S");
        write(11, "11 (zombie) Z");
        write(12, "12 (dead) X");
        Files.createDirectories(proc.resolve("13"));
        Files.writeString(proc.resolve("13/stat"), "garbage");

        assertFalse(ProcStat.hasExited(proc, 10), "running");
        assertTrue(ProcStat.hasExited(proc, 11), "zombie");
        assertTrue(ProcStat.hasExited(proc, 12), "dead task");
        assertFalse(ProcStat.hasExited(proc, 13), "a file that is not a stat line proves nothing");
        assertTrue(ProcStat.hasExited(proc, 14), "no entry");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void tellsARunningProcessFromAReapedOne() throws Exception {
        assertFalse(ProcStat.hasExited(ProcessHandle.current().pid()), "this JVM runs");

        Process child = new ProcessBuilder("true").start();
        child.waitFor(); // reaped by the JDK: its /proc entry is gone

        assertTrue(ProcStat.hasExited(child.pid()));
    }

    private void write(long pid, String head) throws IOException {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(pid + "/stat"), head + AFTER_STATE);
    }
}
