package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.layout.TreeFiles;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.lib.AnyObjectId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** 9. The PHP version the pom names for its servers meets what Moodle's environment.xml requires. */
final class PhpRequirement {
  private final TreeFiles files;

  PhpRequirement(TreeFiles files) {
    this.files = files;
  }

  Finding check(AnyObjectId codebase, String root, int branch, String php) throws IOException {
    String major = branch >= 400 ? branch / 100 + "." + branch % 100 : branch / 10 + "." + branch % 10;
    Optional<String> xml = files.text(codebase, root + "admin/environment.xml");
    if (xml.isEmpty()) {
      return Finding.error("moodle", "php", VerifyMessages.noEnvironmentXml(root, php));
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml.get())));
      NodeList moodles = doc.getElementsByTagName("MOODLE");
      for (int i = 0; i < moodles.getLength(); i++) {
        Element moodle = (Element) moodles.item(i);
        if (!major.equals(moodle.getAttribute("version"))) {
          continue;
        }
        NodeList phps = moodle.getElementsByTagName("PHP");
        for (int j = 0; j < phps.getLength(); j++) {
          Element req = (Element) phps.item(j);
          String required = req.getAttribute("version");
          if ("required".equals(req.getAttribute("level")) && compare(php, required) < 0) {
            return Finding.error("moodle", "php", VerifyMessages.phpTooOld(major, required, php));
          }
        }
        return Finding.passed("moodle", "php");
      }
      return Finding.error("moodle", "php", VerifyMessages.noPhpRequirements(major));
    } catch (Exception e) {
      return Finding.error("moodle", "php", VerifyMessages.environmentXmlUnreadable(root, e.getMessage()));
    }
  }

  /** Compares dotted versions numerically: 8.1 < 8.1.0 is false, 8.3 > 8.1.0. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i].replaceAll("\\D.*", "0")) : 0;
      int q = i < y.length ? Integer.parseInt(y[i].replaceAll("\\D.*", "0")) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }
}
