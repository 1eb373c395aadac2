package io.github.moodlecbm.core.config;

import java.util.List;
import java.util.Optional;

/**
 * One element of the plugin's configuration in a pom, as Maven read it (properties already
 * replaced): its name, its text and its child elements. The core reads configuration that Maven
 * does not map onto a parameter's fields itself, such as a fleet's {@code <catalog>}, from these.
 *
 * @param text the element's text, trimmed; "" when it has none
 */
public record ConfigElement(String name, String text, List<ConfigElement> children) {
  public ConfigElement {
    text = text == null ? "" : text.trim();
    children = List.copyOf(children);
  }

  /**
   * The element an XML text holds, such as Maven's rendering of a plugin's configuration.
   *
   * @throws IllegalArgumentException when the text is not XML (Maven never gives such a text)
   */
  public static ConfigElement parse(String xml) {
    try {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
      return of(doc.getDocumentElement());
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | java.io.IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static ConfigElement of(org.w3c.dom.Element element) {
    java.util.List<ConfigElement> children = new java.util.ArrayList<>();
    StringBuilder text = new StringBuilder();
    org.w3c.dom.NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      org.w3c.dom.Node n = nodes.item(i);
      if (n instanceof org.w3c.dom.Element e) {
        children.add(of(e));
      } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE || n.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    return new ConfigElement(element.getTagName(), children.isEmpty() ? text.toString() : "", children);
  }

  public Optional<ConfigElement> child(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).findFirst();
  }

  /** The text of a child element, when it has one and it is not empty. */
  public Optional<String> childText(String childName) {
    return child(childName).map(ConfigElement::text).filter(t -> !t.isEmpty());
  }

  public List<ConfigElement> children(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).toList();
  }
}
