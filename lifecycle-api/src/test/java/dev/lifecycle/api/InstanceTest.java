package dev.lifecycle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceTest {

    private static final Path HOME = Path.of("lima-home");

    @Test
    void theLimaVersionIsOptionalAndCarriedIntoTheReport() {
        Instance unknown = Instance.builder("default", HOME).build();
        Instance known = Instance.builder("default", HOME).limaVersion("2.2.0-beta.0-12-gabcdef0").build();

        assertEquals(Optional.empty(), unknown.limaVersion());
        assertEquals(Optional.of("2.2.0-beta.0-12-gabcdef0"), known.limaVersion());
        StopReport report = new StopReport("default", Outcome.ALREADY_STOPPED, Duration.ZERO, List.of(),
                known.limaVersion());
        assertTrue(report.describe().startsWith("default: ALREADY_STOPPED in 0 ms (created by Lima 2.2.0-beta.0-12-gabcdef0)"),
                report.describe());
        assertEquals(Optional.empty(), new StopReport("default", Outcome.ALREADY_STOPPED, Duration.ZERO, List.of())
                .limaVersion());
    }

    @Test
    void aLimaVersionIsOneShortLineOfPrintableText() {
        for (String bad : List.of("", "  ", "2.1\n4", "2.1.4\u0000", "x".repeat(Instance.MAX_VERSION_LENGTH + 1),
                "2.1.4\u00e9")) {
            assertThrows(IllegalArgumentException.class, () -> Instance.builder("default", HOME).limaVersion(bad).build(),
                    bad);
        }
    }
}
