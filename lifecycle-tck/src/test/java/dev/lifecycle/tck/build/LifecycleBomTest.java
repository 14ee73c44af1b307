// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that it leaks none of the build's third-party versions) and
 * therefore spells its version out: this test keeps it in step with the reactor and makes
 * sure it lists every published module (every module with a {@code module-info.java}).
 * It reads the sibling POMs from the source tree the build runs in.
 */
class LifecycleBomTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path BOM = ROOT.resolve("lifecycle-bom").resolve("pom.xml");

    @Test
    void bomHasTheReactorVersionAndNoParent() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(BOM);

        assertEquals(text(root.getDocumentElement(), "version"), text(bom.getDocumentElement(), "version"),
                "lifecycle-bom/pom.xml must carry the reactor's version");
        assertEquals(text(root.getDocumentElement(), "groupId"), text(bom.getDocumentElement(), "groupId"),
                "lifecycle-bom/pom.xml must carry the reactor's groupId");
        assertEquals(List.of(), children(bom.getDocumentElement(), "parent"),
                "the BOM must not inherit the reactor parent's dependencyManagement");
    }

    @Test
    void bomManagesEveryPublishedModuleAndNothingElse() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        Set<String> published = new TreeSet<>();
        for (Element module : children(only(root.getDocumentElement(), "modules"), "module")) {
            String name = module.getTextContent().strip();
            if (Files.exists(ROOT.resolve(name).resolve("src/main/java/module-info.java"))) {
                published.add(artifactId(ROOT.resolve(name).resolve("pom.xml")));
            }
        }
        Set<String> managed = new TreeSet<>();
        Element dependencies = only(only(parse(BOM).getDocumentElement(), "dependencyManagement"), "dependencies");
        for (Element dependency : children(dependencies, "dependency")) {
            String id = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            assertEquals("${project.groupId}", text(dependency, "groupId"), id + ": a BOM of Lifecycle manages only Lifecycle");
            assertEquals("${project.version}", text(dependency, "version"), id);
            assertTrue(children(dependency, "scope").isEmpty() && children(dependency, "type").isEmpty(),
                    id + ": plain jar entries only, no imports");
            managed.add(text(dependency, "artifactId"));
        }

        assertTrue(published.contains("lifecycle-tck"), "published modules found: " + published);
        assertEquals(published, managed, "published modules vs. lifecycle-bom entries");
    }

    @Test
    void bomPinsEveryPluginAtTheReactorsVersion() throws Exception {
        Element root = parse(ROOT.resolve("pom.xml")).getDocumentElement();
        Element properties = only(root, "properties");
        Map<String, String> reactor = new HashMap<>();
        for (Element plugin : children(only(only(only(root, "build"), "pluginManagement"), "plugins"), "plugin")) {
            String version = text(plugin, "version");
            if (version.startsWith("${") && version.endsWith("}")) {
                version = text(properties, version.substring(2, version.length() - 1));
            }
            reactor.put(text(plugin, "artifactId"), version);
        }
        Element bom = parse(BOM).getDocumentElement();
        List<Element> pinned = children(only(only(only(bom, "build"), "pluginManagement"), "plugins"), "plugin");
        assertTrue(pinned.size() > 5, "the BOM pins the plugins its own build and release run");
        for (Element plugin : pinned) {
            String artifactId = text(plugin, "artifactId");
            assertEquals(reactor.get(artifactId), text(plugin, "version"),
                    artifactId + ": lifecycle-bom/pom.xml must pin the version the root pom.xml pins");
        }
    }

    private static String artifactId(Path pom) throws Exception {
        return text(parse(pom).getDocumentElement(), "artifactId");
    }

    private static Document parse(Path pom) throws Exception {
        if (!Files.isRegularFile(pom)) {
            throw new IOException("expected the reactor's " + pom + "; run this test from its module directory");
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "<" + name + "> under <" + parent.getTagName() + ">");
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return only(parent, name).getTextContent().strip();
    }
}
