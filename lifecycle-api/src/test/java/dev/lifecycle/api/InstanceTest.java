// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void instanceNamesFollowLimasRuleIdentifiersTooAndNoYamlSuffix() {
        for (String valid : List.of("default", "a-1.b_2", "x".repeat(Instance.MAX_NAME_LENGTH), "yaml", "my.yamlx")) {
            assertTrue(Instance.isValidName(valid), valid);
        }
        for (String identifierOnly : List.of("foo.yaml", "foo.yml", "Foo.YAML", "a.b.Yml")) {
            assertFalse(Instance.isValidName(identifierOnly), identifierOnly);
            assertTrue(Instance.isValidIdentifier(identifierOnly), "a disk may be called " + identifierOnly);
            assertEquals(Optional.of("instance name '" + identifierOnly + "' must not end with .yml or .yaml"),
                    Instance.nameProblem(identifierOnly));
        }
        for (String invalid : List.of("", "-a", "a-", "a..b", "a b", "x".repeat(Instance.MAX_NAME_LENGTH + 1), "é")) {
            assertFalse(Instance.isValidIdentifier(invalid), invalid);
            assertTrue(Instance.nameProblem(invalid).orElseThrow().contains("is not a valid identifier"), invalid);
        }
        assertEquals(Optional.empty(), Instance.nameProblem("default"));
        Instance withYamlishDisk = Instance.builder("vm", HOME).addAdditionalDisk("data.yaml").build();
        assertEquals(List.of("data.yaml"), withYamlishDisk.additionalDisks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Instance.builder("vm.yaml", HOME).build());
        assertEquals("Invalid instance name 'vm.yaml' must not end with .yml or .yaml", e.getMessage());
    }
}
