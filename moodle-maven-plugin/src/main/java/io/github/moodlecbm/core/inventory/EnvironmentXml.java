package io.github.moodlecbm.core.inventory;

import io.github.moodlecbm.core.layout.TreeFiles;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * What Moodle's {@code admin/environment.xml} requires of the servers, for the Moodle release of
 * the code base: the lowest PHP version, the lowest version of each database, and the PHP
 * extensions that must be installed. The file lists every Moodle release since 1.5, each in a
 * {@code <MOODLE version="4.5">} element; only the code base's own is read, and only what it marks
 * {@code level="required"} (what Moodle's installer refuses to go on without).
 *
 * <p>The file is read as data, never run, by the JDK's XML parser with document type declarations
 * refused, so that no entity is expanded and nothing outside the file is fetched.
 */
public final class EnvironmentXml {
  /** Where the file is, from Moodle's code root ({@code public/} from Moodle 5.1). */
  public static final String PATH = "admin/environment.xml";

  private static final String REQUIRED = "required";

  private EnvironmentXml() {}

  /**
   * The Moodle version that a {@code $branch} of Moodle's version.php stands for, as environment.xml
   * writes it: {@code 405} is {@code 4.5}, {@code 500} is {@code 5.0}, {@code 311} is
   * {@code 3.11}, {@code 39} is {@code 3.9}; empty for anything else.
   */
  public static Optional<String> moodleVersion(String branch) {
    if (branch == null || !branch.trim().matches("\\d{2,4}")) {
      return Optional.empty();
    }
    int b = Integer.parseInt(branch.trim());
    return Optional.of(b >= 100 ? b / 100 + "." + b % 100 : b / 10 + "." + b % 10);
  }

  /**
   * What the environment.xml of the code base in {@code tree} requires of its Moodle release:
   * nothing stated (no PHP version, no database, no extension) when the file, the release's
   * element or the branch is missing, or when the file cannot be read.
   *
   * @param codeRoot {@code ""}, or {@code public} from Moodle 5.1
   * @param branch {@code $branch} of Moodle's version.php, such as {@code 405}
   */
  public static Inventory.Environment read(TreeFiles files, AnyObjectId tree, String codeRoot, String branch) throws IOException {
    return read(files, tree, codeRoot, branch, InventoryMemo.none());
  }

  /** As {@link #read(TreeFiles, AnyObjectId, String, String)}, the same file read once for the same branch. */
  static Inventory.Environment read(TreeFiles files, AnyObjectId tree, String codeRoot, String branch, InventoryMemo memo)
      throws IOException {
    Optional<String> version = moodleVersion(branch);
    if (version.isEmpty()) {
      return none();
    }
    String path = codeRoot == null || codeRoot.isEmpty() ? PATH : codeRoot + "/" + PATH;
    Optional<ObjectId> blob = files.file(tree, path);
    if (blob.isEmpty()) {
      return none();
    }
    String key = blob.get().name() + " " + branch;
    Optional<Inventory.Environment> known = memo.environment(key);
    if (known.isPresent()) {
      return known.get();
    }
    Inventory.Environment read = files.text(tree, path).flatMap(xml -> parse(xml, version.get())).orElse(none());
    memo.environment(key, read);
    return read;
  }

  /** An environment about which nothing is stated. */
  public static Inventory.Environment none() {
    return new Inventory.Environment(null, null, null);
  }

  /**
   * What the file requires for the Moodle version given ({@code 4.5}); empty when it has no element
   * for that version, or is not a well-formed environment file (a document type declaration is
   * refused).
   */
  public static Optional<Inventory.Environment> parse(String xml, String moodleVersion) {
    Document doc;
    try {
      doc = parser().parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      return Optional.empty();
    }
    Element root = doc.getDocumentElement();
    for (Element moodle : children(root, "MOODLE")) {
      if (moodleVersion.equals(moodle.getAttribute("version").trim())) {
        return Optional.of(requirements(moodle));
      }
    }
    return Optional.empty();
  }

  private static Inventory.Environment requirements(Element moodle) {
    String php = null;
    for (Element e : children(moodle, "PHP")) {
      if (REQUIRED.equals(e.getAttribute("level")) && !e.getAttribute("version").isBlank()) {
        php = e.getAttribute("version").trim();
        break;
      }
    }
    TreeMap<String, String> databases = new TreeMap<>();
    for (Element database : children(moodle, "DATABASE")) {
      if (!REQUIRED.equals(database.getAttribute("level"))) {
        continue;
      }
      for (Element vendor : children(database, "VENDOR")) {
        String name = vendor.getAttribute("name").trim();
        if (!name.isEmpty()) {
          databases.put(name, vendor.getAttribute("version").trim());
        }
      }
    }
    Set<String> extensions = new LinkedHashSet<>();
    for (Element list : children(moodle, "PHP_EXTENSIONS")) {
      for (Element extension : children(list, "PHP_EXTENSION")) {
        String name = extension.getAttribute("name").trim();
        if (REQUIRED.equals(extension.getAttribute("level")) && !name.isEmpty()) {
          extensions.add(name);
        }
      }
    }
    return new Inventory.Environment(php, databases, new ArrayList<>(extensions));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** A parser that refuses document type declarations, external entities and XInclude. */
  private static DocumentBuilder parser() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // The refusal that matters: without a document type declaration no entity can be declared.
    // A parser that cannot refuse them is not used (the caller then reads nothing).
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try {
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      // belt and braces only: the declarations these would guard are refused above
    }
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    // The default handler prints parse errors to the console; they are the caller's to report.
    builder.setErrorHandler(new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {
        // nothing: a warning does not stop the reading
      }

      @Override
      public void error(SAXParseException e) throws SAXException {
        throw e;
      }

      @Override
      public void fatalError(SAXParseException e) throws SAXException {
        throw e;
      }
    });
    return builder;
  }
}
