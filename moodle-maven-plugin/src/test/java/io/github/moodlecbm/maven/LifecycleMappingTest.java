package io.github.moodlecbm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The moodle-codebase packaging, as Maven reads it from META-INF/plexus/components.xml. */
class LifecycleMappingTest {
  @Test
  void packagingBindsOurGoalsWithOurOwnVersion() throws Exception {
    Document xml = components();
    Element mapping = component(xml, "org.apache.maven.lifecycle.mapping.LifecycleMapping");
    Map<String, String> phases = new LinkedHashMap<>();
    NodeList lifecycles = mapping.getElementsByTagName("phases");
    assertEquals(1, lifecycles.getLength());
    for (Node n = lifecycles.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        phases.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    String plugin = "io.github.moodlecbm:moodle-maven-plugin:" + version() + ":";
    assertEquals(Map.of(
        "initialize", plugin + "resolve",
        "process-sources", plugin + "assemble",
        "test", plugin + "verify",
        "prepare-package", plugin + "install-test",
        "package", plugin + "release",
        "install", "org.apache.maven.plugins:maven-install-plugin:3.1.4:install",
        "deploy", plugin + "deploy,org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy"), phases);
  }

  @Test
  void artifactHandlerNamesThePackaging() throws Exception {
    Element handler = component(components(), "org.apache.maven.artifact.handler.ArtifactHandler");
    assertEquals("moodle-codebase", handler.getElementsByTagName("role-hint").item(0).getTextContent());
    assertEquals("moodle-codebase", handler.getElementsByTagName("packaging").item(0).getTextContent());
    assertEquals("json", handler.getElementsByTagName("extension").item(0).getTextContent());
    assertEquals("false", handler.getElementsByTagName("addedToClasspath").item(0).getTextContent());
  }

  private static String version() {
    String version = System.getProperty("project.version");
    assertNotNull(version, "the build passes project.version to the tests");
    return version;
  }

  private static Document components() throws Exception {
    try (InputStream in = LifecycleMappingTest.class.getResourceAsStream("/META-INF/plexus/components.xml")) {
      assertNotNull(in, "components.xml on the classpath");
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }

  private static Element component(Document xml, String role) {
    NodeList components = xml.getElementsByTagName("component");
    for (int i = 0; i < components.getLength(); i++) {
      Element c = (Element) components.item(i);
      if (role.equals(c.getElementsByTagName("role").item(0).getTextContent())) {
        return c;
      }
    }
    throw new AssertionError("no component with role " + role);
  }
}
