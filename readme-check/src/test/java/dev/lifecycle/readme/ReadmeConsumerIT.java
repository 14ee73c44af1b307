// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.stop.ScriptProcess;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A new user's first hour, automated: a Maven project made of nothing but README.md's
 * dependency block and its host-app code (plus, for the module path, its
 * {@code module-info.java}) is built by a separate Maven against the artifacts of this
 * build, then run against a Lima home whose instance {@code default} has a real host agent.
 * The app must stop it gracefully, print the listener's progress and log one INFO line.
 * The Gradle block is checked to name the same artifacts as the Maven block.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in host agent is a POSIX shell script")
class ReadmeConsumerIT {

    private static final String MAIN_CLASS = "com.example.lima.StopDefault";
    private static final String MODULE = "com.example.lima";

    private static Map<String, String> blocks;
    private static Path consumer;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildTheConsumerFromTheReadme() throws Exception {
        blocks = ReadmeBlocks.read(Path.of(System.getProperty("readme.file", "../README.md")));
        for (String name : List.of("dependencies.xml", "build.gradle.kts", "StopDefault.java", "module-info.java")) {
            assertTrue(blocks.containsKey(name), "README.md has no block marked <!-- readme-check: " + name + " -->");
        }
        consumer = Path.of("target", "readme-consumer").toAbsolutePath();
        deleteTree(consumer);
        Files.createDirectories(consumer);
        Files.writeString(consumer.resolve("pom.xml"), withVersions(resource("pom.xml")));
        Files.writeString(consumer.resolve("settings.xml"), resource("settings.xml")
                .replace("@outer.repository.url@", Path.of(property("consumer.remoteRepository")).toUri().toString()));
        for (String name : List.of("classpath", "modulepath")) {
            Path module = Files.createDirectories(consumer.resolve(name));
            Files.writeString(module.resolve("pom.xml"), resource("module-pom.xml")
                    .replace("@name@", name).replace("@dependencies@", blocks.get("dependencies.xml")));
            Path sources = Files.createDirectories(module.resolve("src/main/java"));
            Path pkg = Files.createDirectories(sources.resolve(MAIN_CLASS.substring(0, MAIN_CLASS.lastIndexOf('.'))
                    .replace('.', '/')));
            Files.writeString(pkg.resolve("StopDefault.java"), blocks.get("StopDefault.java"));
            if (name.equals("modulepath")) {
                Files.writeString(sources.resolve("module-info.java"), blocks.get("module-info.java"));
            }
        }

        String mvn = Path.of(property("maven.home"), "bin", "mvn").toString();
        Path log = consumer.resolve("build.log");
        Process build = new ProcessBuilder(mvn, "-B", "-ntp", "-q", "-Dstyle.color=never",
                "-s", consumer.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + property("consumer.localRepository"), "package")
                .directory(consumer.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("the consumer's build did not end within 5 min; see " + log);
        }
        assertEquals(0, build.exitValue(), "the consumer built from README.md's blocks does not build:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void theHostAppStopsAnInstanceOnTheClassPath() throws Exception {
        Path module = consumer.resolve("classpath");
        assertStopsTheDefaultInstance(List.of("-cp", runtimePath(module), MAIN_CLASS));
    }

    @Test
    void theHostAppStopsAnInstanceOnTheModulePath() throws Exception {
        Path module = consumer.resolve("modulepath");
        assertTrue(Files.isRegularFile(module.resolve("target/classes/module-info.class")), "compiled as a module");
        assertStopsTheDefaultInstance(List.of("--module-path", runtimePath(module), "--module", MODULE + "/" + MAIN_CLASS));
    }

    @Test
    void theGradleBlockNamesWhatTheMavenBlockNames() throws Exception {
        assertEquals(mavenCoordinates(blocks.get("dependencies.xml")), gradleCoordinates(blocks.get("build.gradle.kts")));
    }

    private void assertStopsTheDefaultInstance(List<String> launch) throws Exception {
        Path home = Files.createDirectories(dir.resolve("lima"));
        Path instance = Files.createDirectories(home.resolve("default"));
        Files.writeString(instance.resolve("lima.yaml"), "vmType: qemu\n");
        // A stand-in host agent that traps SIGINT and, like Lima's, names its instance directory.
        try (ScriptProcess agent = ScriptProcess.start(ScriptProcess.graceful(dir, "agent", ""),
                ScriptProcess.limaHostAgent(instance))) {
            Files.writeString(instance.resolve("ha.pid"), agent.pid() + "\n", StandardCharsets.US_ASCII);

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(launch);
            ProcessBuilder app = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            app.environment().put("LIMA_HOME", home.toString());
            Process p = app.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the README's host app did not end within 60 s");
            }
            String out = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
            String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
            String both = "stdout:\n" + out + "stderr:\n" + err;

            assertEquals(0, p.exitValue(), both);
            assertTrue(agent.awaitExit(5), "the host agent is gone");
            assertTrue(Files.exists(dir.resolve("agent.interrupted")), "the agent was interrupted, not killed");
            assertFalse(Files.exists(instance.resolve("ha.pid")), "its PID file was removed");
            assertTrue(Files.exists(instance.resolve("lima.yaml")), "lima.yaml stays");
            assertTrue(out.contains("interrupt-host-agent: "), "the listener showed progress:\n" + both);
            List<String> info = err.lines().filter(l -> l.contains(" INFO ")).toList();
            assertEquals(1, info.size(), "one INFO line per stop:\n" + both);
            assertTrue(info.get(0).contains("[default] stop finished: STOPPED_GRACEFULLY"), info.get(0));
        }
    }

    /** The app's classes, then its run-time dependencies as the consumer's Maven resolved them. */
    private static String runtimePath(Path module) throws IOException {
        return module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/runtime-path.txt"), StandardCharsets.UTF_8).strip();
    }

    /** {@code platform g:a:v}, {@code implementation g:a[:v]}, {@code runtimeOnly g:a[:v]}. */
    static Set<String> mavenCoordinates(String block) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<block>" + block + "</block>").getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        Set<String> found = new TreeSet<>();
        NodeList dependencies = root.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            String scope = text(d, "scope");
            String coordinates = text(d, "groupId") + ":" + text(d, "artifactId")
                    + (text(d, "version").isEmpty() ? "" : ":" + text(d, "version"));
            String configuration = switch (scope) {
                case "import" -> "platform";
                case "", "compile" -> "implementation";
                case "runtime" -> "runtimeOnly";
                default -> throw new AssertionError("README's Maven block: unexpected scope " + scope);
            };
            found.add(configuration + " " + coordinates);
        }
        return found;
    }

    static Set<String> gradleCoordinates(String block) {
        Matcher m = Pattern.compile("(implementation|runtimeOnly)\\((platform\\()?\"([^\"]+)\"\\)?\\)").matcher(block);
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add((m.group(2) != null ? "platform" : m.group(1)) + " " + m.group(3));
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static String withVersions(String pom) {
        for (String plugin : List.of("clean", "resources", "compiler", "surefire", "jar", "install", "deploy", "site",
                "dependency")) {
            pom = pom.replace("@version." + plugin + "@", property("consumer.version." + plugin));
        }
        return pom;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReadmeConsumerIT.class.getResourceAsStream("/consumer/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource consumer/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe)");
        }
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
