package io.github.moodlecbm.core.inventory;

import io.github.moodlecbm.core.layout.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The licence of a plugin, or of Moodle, as an SPDX id ({@code GPL-3.0-or-later}), from what its
 * files say, read as text:
 *
 * <ol>
 *   <li>a licence file at the plugin's root ({@code LICENSE}, {@code LICENSE.txt},
 *       {@code LICENSE.md}, {@code COPYING}, {@code COPYING.txt}, in any case, or spelled
 *       {@code LICENCE}): the GNU GPL version 3 or 2, the GNU LGPL 2.1 or 3, the GNU AGPL 3, MIT,
 *       Apache 2.0, BSD 3-clause and 2-clause, when the text clearly is one of them;</li>
 *   <li>else the licence statement at the top of its PHP files, as Moodle plugins write it: the
 *       {@code @license http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later} tag, Moodle's
 *       "either version 3 of the License, or (at your option) any later version" notice, or an
 *       {@code SPDX-License-Identifier} line (the first {@value #HEADER_CHARS} characters of
 *       {@code version.php}, then of {@code lib.php}, then of a few other top-level files).</li>
 * </ol>
 *
 * <p>A version of the GNU licences is "or later" when the plugin says so: in the words of its
 * licence file that are not the licence itself (the full text of every GNU licence mentions
 * "any later version" in its own terms and in its how-to appendix, which says nothing about the
 * plugin), or in the statement at the top of its PHP files. Otherwise it is that version only.
 * Nothing clear gives no licence: the report says "not stated".
 */
public final class Licences {
  /** How much of the start of a PHP file is read for its licence statement. */
  public static final int HEADER_CHARS = 2048;

  /** The licence file names looked for, in the order they are taken when several exist. */
  public static final List<String> FILE_NAMES = List.of(
      "LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING", "COPYING.txt", "LICENCE", "LICENCE.txt", "LICENCE.md", "COPYING.md");

  /** The top-level PHP files whose headers are read, in this order, after none of them said anything. */
  private static final List<String> PHP_FILES = List.of(
      "version.php", "lib.php", "settings.php", "locallib.php", "index.php", "view.php", "renderer.php", "config-dist.php");

  private Licences() {}

  /**
   * The licence of the plugin installed at {@code folder} of {@code tree} ({@code ""} for the tree's
   * root); empty when its files do not state one clearly.
   *
   * @param component the plugin's component, whose own top-level file ({@code block_xp.php}) is
   *     also read for a header; null for none
   */
  public static Optional<String> of(TreeFiles files, AnyObjectId tree, String folder, String component) throws IOException {
    return of(files, tree, List.of(folder), folder, component);
  }

  /**
   * The licence of Moodle: its licence file at the code base's root (or at its code root), else
   * the header of its {@code version.php} and the like.
   *
   * @param codeRoot {@code ""}, or {@code public} from Moodle 5.1
   */
  public static Optional<String> ofMoodle(TreeFiles files, AnyObjectId tree, String codeRoot) throws IOException {
    String root = codeRoot == null ? "" : codeRoot;
    return of(files, tree, root.isEmpty() ? List.of("") : List.of("", root), root, null);
  }

  private static Optional<String> of(TreeFiles files, AnyObjectId tree, List<String> licenceFolders, String phpFolder,
      String component) throws IOException {
    String licenceFile = null;
    for (String folder : licenceFolders) {
      licenceFile = licenceFile(files, tree, folder).orElse(null);
      if (licenceFile != null) {
        break;
      }
    }
    List<String> names = new ArrayList<>(PHP_FILES);
    if (component != null && !component.isBlank()) {
      names.add(2, component + ".php");
    }
    Optional<ObjectId> php = files.folder(tree, phpFolder);
    List<String> headers = new ArrayList<>();
    if (php.isPresent()) {
      TreeFiles at = files.at(phpFolder);
      for (String name : names) {
        Optional<String> text = at.text(php.get(), name);
        if (text.isPresent()) {
          headers.add(header(text.get()));
          if (statement(headers.get(headers.size() - 1)).flatMap(Terms::spdx).isPresent()) {
            break; // the first clear statement counts: the other files need not be read
          }
        }
      }
    }
    return identify(licenceFile, headers);
  }

  /** The text of the folder's licence file, the first of {@link #FILE_NAMES} in any case of its letters. */
  static Optional<String> licenceFile(TreeFiles files, AnyObjectId tree, String folder) throws IOException {
    Optional<ObjectId> id = files.folder(tree, folder);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    TreeFiles at = files.at(folder);
    for (String name : FILE_NAMES) {
      for (String spelling : spellings(name)) {
        Optional<String> text = at.text(id.get(), spelling);
        if (text.isPresent()) {
          return text;
        }
      }
    }
    return Optional.empty();
  }

  /** The usual spellings of a file name: as listed, all capitals, all small letters, a capital first. */
  static Set<String> spellings(String name) {
    int dot = name.indexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot);
    Set<String> out = new LinkedHashSet<>();
    out.add(name);
    out.add(base.toUpperCase(Locale.ROOT) + ext.toUpperCase(Locale.ROOT));
    out.add(base.toUpperCase(Locale.ROOT) + ext.toLowerCase(Locale.ROOT));
    out.add(base.toLowerCase(Locale.ROOT) + ext.toLowerCase(Locale.ROOT));
    out.add(base.charAt(0) + base.substring(1).toLowerCase(Locale.ROOT) + ext.toLowerCase(Locale.ROOT));
    return out;
  }

  /** The part of a PHP file where its licence statement is: its first {@value #HEADER_CHARS} characters. */
  static String header(String php) {
    return php.length() <= HEADER_CHARS ? php : php.substring(0, HEADER_CHARS);
  }

  /**
   * The licence that a licence file (or null when there is none) and the headers of the PHP files
   * (in the order they are read) state together; empty when nothing is clear.
   */
  public static Optional<String> identify(String licenceFile, List<String> phpHeaders) {
    // The first header that names a licence clearly; else the first that names a GNU licence
    // without its version, which may still say "or later" of the version the licence file gives.
    Terms clear = null;
    Terms vague = null;
    for (String h : phpHeaders) {
      Optional<Terms> t = statement(header(h));
      if (t.isPresent() && t.get().spdx().isPresent()) {
        clear = t.get();
        break;
      }
      if (t.isPresent() && vague == null) {
        vague = t.get();
      }
    }
    Terms said = clear != null ? clear : vague;
    if (licenceFile != null) {
      Optional<Terms> file = licenceText(licenceFile);
      if (file.isPresent()) {
        Terms t = file.get();
        if (t.gnu() && !t.later() && said != null && said.family().equals(t.family()) && said.later()
            && (said.version() == null || said.version().equals(t.version()))) {
          t = new Terms(t.family(), t.version(), true);
        }
        return t.spdx();
      }
    }
    return clear == null ? Optional.empty() : clear.spdx();
  }

  /** The licence of a licence file's text, with "or later" only when the file's own words say so. */
  public static Optional<String> licenceFile(String text) {
    return licenceText(text).flatMap(Terms::spdx);
  }

  /** The licence a PHP file's header states; empty when it states none clearly. */
  public static Optional<String> phpHeader(String php) {
    return statement(header(php)).flatMap(Terms::spdx);
  }

  /**
   * A licence: a family ({@code GPL}, {@code LGPL}, {@code AGPL}, or an SPDX id for the others),
   * the version of a GNU licence and whether any later version may be taken.
   */
  record Terms(String family, String version, boolean later) {
    boolean gnu() {
      return family.equals("GPL") || family.equals("LGPL") || family.equals("AGPL");
    }

    Optional<String> spdx() {
      if (!gnu()) {
        return Optional.of(family);
      }
      if (version == null) {
        return Optional.empty();
      }
      String v = switch (family + " " + version) {
        case "GPL 2", "GPL 3", "AGPL 3", "LGPL 3" -> version + ".0";
        case "LGPL 2" -> "2.0";
        case "LGPL 2.1" -> "2.1";
        default -> null;
      };
      return v == null ? Optional.empty() : Optional.of(family + "-" + v + (later ? "-or-later" : "-only"));
    }
  }

  // The title of a GNU licence's full text, as the Free Software Foundation writes it (capitals).
  private static final Pattern GNU_TITLE = Pattern.compile(
      "GNU[\\s*_#]+(?:(LESSER|LIBRARY|AFFERO)[\\s*_#]+)?GENERAL[\\s*_#]+PUBLIC[\\s*_#]+LICEN[SC]E[\\s*_#]+Version[\\s*_#]+(\\d(?:\\.\\d)?)");
  private static final Pattern MIT = Pattern.compile(
      "(?is)Permission\\s+is\\s+hereby\\s+granted,\\s+free\\s+of\\s+charge,\\s+to\\s+any\\s+person\\s+obtaining\\s+a\\s+copy.*"
          + "The\\s+above\\s+copyright\\s+notice\\s+and\\s+this\\s+permission\\s+notice\\s+shall\\s+be\\s+included");
  private static final Pattern APACHE_TEXT = Pattern.compile(
      "(?is)Apache\\s+License[\\s*_#,]+Version\\s+2\\.0.*TERMS\\s+AND\\s+CONDITIONS\\s+FOR\\s+USE");
  private static final Pattern BSD = Pattern.compile(
      "(?is)Redistribution\\s+and\\s+use\\s+in\\s+source\\s+and\\s+binary\\s+forms,\\s+with\\s+or\\s+without\\s+modification,"
          + "\\s+are\\s+permitted\\s+provided\\s+that\\s+the\\s+following\\s+conditions\\s+are\\s+met");
  private static final Pattern BSD_NAMES = Pattern.compile("(?is)Neither\\s+the\\s+name\\s+of");
  private static final Pattern BSD_ADVERTISING = Pattern.compile("(?is)advertising\\s+materials");
  private static final Pattern WARRANTY_DISCLAIMER = Pattern.compile("(?is)THIS\\s+SOFTWARE\\s+IS\\s+PROVIDED");

  /** What a licence file says: the full text of a licence, or a notice in the plugin's own words. */
  static Optional<Terms> licenceText(String text) {
    Matcher title = GNU_TITLE.matcher(text);
    if (title.find()) {
      String kind = title.group(1);
      String family = kind == null ? "GPL" : kind.equals("AFFERO") ? "AGPL" : "LGPL";
      String version = version(title.group(2));
      // The plugin's own words: what precedes the licence's full text, whose terms and appendix
      // speak of "any later version" in general, not of this plugin. A title followed by a short
      // notice is the plugin's words throughout.
      String after = text.substring(title.end());
      boolean fullText = after.contains("TERMS AND CONDITIONS") || after.contains("Revised Versions") || after.length() > FULL_TEXT;
      String own = fullText ? text.substring(0, title.start()) : text;
      Terms t = new Terms(family, version, later(own));
      return t.spdx().isPresent() ? Optional.of(t) : Optional.empty();
    }
    if (MIT.matcher(text).find()) {
      return Optional.of(new Terms("MIT", null, false));
    }
    if (APACHE_TEXT.matcher(text).find()) {
      return Optional.of(new Terms("Apache-2.0", null, false));
    }
    if (BSD.matcher(text).find() && WARRANTY_DISCLAIMER.matcher(text).find() && !BSD_ADVERTISING.matcher(text).find()) {
      return Optional.of(new Terms(BSD_NAMES.matcher(text).find() ? "BSD-3-Clause" : "BSD-2-Clause", null, false));
    }
    // A short notice instead of the licence's text ("This program is free software..."); a long
    // text that is none of the above is another licence, whatever licences it mentions.
    return text.length() > FULL_TEXT ? Optional.empty() : statement(text).filter(t -> t.spdx().isPresent());
  }

  /** Beyond this length a licence file is a licence's full text, not a notice in the plugin's words. */
  private static final int FULL_TEXT = 2500;

  private static final Pattern SPDX_LINE = Pattern.compile("SPDX-License-Identifier:[ \\t]*([^\\r\\n]*)");
  private static final Pattern AGPL = Pattern.compile("(?i)\\bAffero\\s+General\\s+Public\\s+Licen[cs]e|\\bAGPL");
  private static final Pattern LGPL = Pattern.compile("(?i)\\b(?:Lesser|Library)\\s+General\\s+Public\\s+Licen[cs]e|\\bLGPL");
  private static final Pattern GPL = Pattern.compile(
      "(?i)\\bGeneral\\s+Public\\s+Licen[cs]e|\\bGPL|gnu\\.org/(?:copyleft|licenses)/gpl");
  private static final Pattern MIT_NAME = Pattern.compile(
      "(?i)\\bMIT\\s+Licen[cs]e\\b|@license\\s+(?:\\S+\\s+)?MIT\\b|opensource\\.org/licenses/MIT\\b");
  private static final Pattern APACHE_NAME = Pattern.compile(
      "(?i)Apache\\s+Licen[cs]e,?\\s+Version\\s+2\\.0|\\bApache[- ]2\\.0\\b|apache\\.org/licenses/LICENSE-2\\.0");
  private static final Pattern BSD3_NAME = Pattern.compile("(?i)\\bBSD[- ]3[- ]Clause\\b|\\b3-Clause\\s+BSD\\b");
  /** Where a GNU licence's version is written: the notice, the short names, the web address. */
  private static final Pattern[] GNU_VERSIONS = {
    Pattern.compile("(?i)\\bversion\\s+(\\d(?:\\.\\d)?)\\s+of\\s+the\\s+Licen[cs]e"),
    Pattern.compile("(?i)\\b(?:A|L)?GPL\\s*(?:-|v\\.?|version)?\\s*(\\d(?:\\.\\d)?)(?![\\d.]*\\d)"),
    Pattern.compile("(?i)General\\s+Public\\s+Licen[cs]e,?\\s*\\(?\\s*v(?:ersion)?\\.?\\s*(\\d(?:\\.\\d)?)"),
    Pattern.compile("(?i)gnu\\.org/licenses/(?:a|l)?gpl-(\\d(?:\\.\\d)?)")};
  private static final Pattern LATER = Pattern.compile(
      "(?i)\\bor\\s+(?:\\(\\s*at\\s+your\\s+option\\s*\\)\\s+)?any\\s+later\\s+version|\\bor\\s+later\\b|-or-later\\b"
          + "|\\b(?:A|L)?GPL\\s*(?:-|v\\.?|version)?\\s*\\d(?:\\.\\d)?\\s*\\+");

  /**
   * The licence a statement in plugin's own words names (a PHP file's header, a short licence
   * notice): an SPDX line first, else the licence named, with the version and "or later" that the
   * words give.
   */
  static Optional<Terms> statement(String text) {
    Matcher spdx = SPDX_LINE.matcher(text);
    if (spdx.find()) {
      // An expression (GPL-3.0-or-later OR MIT) is a choice the inventory does not make.
      String id = spdx.group(1).replaceAll("\\*/.*$", "").trim();
      return id.matches("[A-Za-z0-9.+-]+") ? spdxTerms(id) : Optional.empty();
    }
    String gnu = AGPL.matcher(text).find() ? "AGPL" : LGPL.matcher(text).find() ? "LGPL" : GPL.matcher(text).find() ? "GPL" : null;
    List<String> others = new ArrayList<>();
    if (MIT_NAME.matcher(text).find() || MIT.matcher(text).find()) {
      others.add("MIT");
    }
    if (APACHE_NAME.matcher(text).find()) {
      others.add("Apache-2.0");
    }
    if (BSD3_NAME.matcher(text).find()) {
      others.add("BSD-3-Clause");
    }
    if (gnu != null && !others.isEmpty() || others.size() > 1) {
      return Optional.empty(); // several licences named: not clear which applies
    }
    if (gnu == null) {
      return others.isEmpty() ? Optional.empty() : Optional.of(new Terms(others.get(0), null, false));
    }
    String version = null;
    int at = Integer.MAX_VALUE;
    for (Pattern p : GNU_VERSIONS) {
      Matcher m = p.matcher(text);
      if (m.find() && m.start() < at) {
        at = m.start();
        version = version(m.group(1));
      }
    }
    return Optional.of(new Terms(gnu, version, later(text)));
  }

  /**
   * The terms of an SPDX id as a file's {@code SPDX-License-Identifier} line writes it: the GNU
   * licences' deprecated forms ({@code GPL-3.0}, {@code GPL-3.0+}) as the ids that replace them.
   */
  static Optional<Terms> spdxTerms(String id) {
    Matcher gnu = Pattern.compile("(?i)(A|L)?GPL-(\\d\\.\\d)(-only|-or-later|\\+)?").matcher(id);
    if (gnu.matches()) {
      String family = gnu.group(1) == null ? "GPL" : gnu.group(1).equalsIgnoreCase("A") ? "AGPL" : "LGPL";
      boolean later = gnu.group(3) != null && !gnu.group(3).equalsIgnoreCase("-only");
      Terms t = new Terms(family, version(gnu.group(2)), later);
      return t.spdx().isPresent() ? Optional.of(t) : Optional.empty();
    }
    for (String known : List.of("MIT", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause")) {
      if (known.equalsIgnoreCase(id)) {
        return Optional.of(new Terms(known, null, false));
      }
    }
    // Another licence's SPDX id is taken as the file writes it: the author chose it from the list.
    return id.matches("[A-Za-z0-9][A-Za-z0-9.-]*") && !id.matches("(?i)(A|L)?GPL.*") ? Optional.of(new Terms(id, null, false))
        : Optional.empty();
  }

  /** A GNU licence's version as {@link Terms} keeps it: {@code 3}, {@code 2}, {@code 2.1}. */
  private static String version(String written) {
    return written.endsWith(".0") ? written.substring(0, written.length() - 2) : written;
  }

  /** Where a GNU licence is named, after which its "or later" is looked for. */
  private static final Pattern GNU_NAMED = Pattern.compile(
      "(?i)\\bGeneral\\s+Public\\s+Licen[cs]e|\\b(?:A|L)?GPL|gnu\\.org/(?:copyleft|licenses)/");

  /** How far after a GNU licence's name its "or later" may stand: Moodle's notice takes about 130 characters. */
  private static final int LATER_REACH = 250;

  /**
   * Whether the words say "or later" of the GNU licence they name: in the sentence or line that
   * names it, not anywhere (a header may say a plugin needs "Moodle 4.1 or later").
   */
  private static boolean later(String ownWords) {
    Matcher named = GNU_NAMED.matcher(ownWords);
    while (named.find()) {
      Matcher later = LATER.matcher(ownWords).region(named.start(), Math.min(ownWords.length(), named.end() + LATER_REACH));
      if (later.find()) {
        return true;
      }
    }
    return false;
  }
}
