package io.github.moodlecbm.core.report;

import io.github.moodlecbm.core.inventory.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A picture of what the site's plugins need: on the left each plugin that needs another or is
 * needed, on the right what is needed (another plugin of the site, or a plugin of Moodle's own),
 * a line from each plugin to each plugin it names in {@code $plugin->dependencies}. Drawn as SVG
 * by the report itself (no external program), one row per plugin, so that a hundred plugins read
 * as a tall, narrow picture that a phone scrolls and a printer fits to the page's width.
 */
public final class DependencyGraph {
  private static final int ROW = 24;
  private static final int TOP = 40;
  private static final int BOX = 280;
  private static final int WIDTH = 900;
  private static final int RIGHT = WIDTH - BOX - 10;

  /** One line: {@code from} needs {@code to}, at least {@code version} (or any). */
  public record Edge(String from, String to, String version) {}

  private final List<String> left;
  private final List<String> right;
  private final Set<String> site;
  private final List<Edge> edges;

  private DependencyGraph(List<String> left, List<String> right, Set<String> site, List<Edge> edges) {
    this.left = left;
    this.right = right;
    this.site = site;
    this.edges = edges;
  }

  public static DependencyGraph of(Inventory inventory) {
    Set<String> site = new TreeSet<>();
    inventory.plugins().forEach(p -> site.add(p.component()));
    List<Edge> edges = new ArrayList<>();
    Set<String> needing = new TreeSet<>();
    Set<String> needed = new TreeSet<>();
    for (Inventory.Plugin p : inventory.plugins()) {
      for (Map.Entry<String, String> d : p.dependencies().entrySet()) {
        edges.add(new Edge(p.component(), d.getKey(), d.getValue()));
        needing.add(p.component());
        needed.add(d.getKey());
      }
    }
    edges.sort(java.util.Comparator.comparing(Edge::from).thenComparing(Edge::to));
    List<String> left = new ArrayList<>(needing);
    List<String> right = new ArrayList<>();
    needed.stream().filter(site::contains).forEach(right::add);
    needed.stream().filter(c -> !site.contains(c)).forEach(right::add);
    return new DependencyGraph(left, right, site, edges);
  }

  public List<Edge> edges() {
    return List.copyOf(edges);
  }

  /** Whether any plugin of the site needs another: without, there is no picture to draw. */
  public boolean isEmpty() {
    return edges.isEmpty();
  }

  /** The picture, a standalone SVG document (also valid inline in HTML). */
  public String svg(String title) {
    int rows = Math.max(left.size(), right.size());
    int height = TOP + rows * ROW + 20;
    Map<String, Integer> leftY = new LinkedHashMap<>();
    for (int i = 0; i < left.size(); i++) {
      leftY.put(left.get(i), TOP + i * ROW + ROW / 2);
    }
    Map<String, Integer> rightY = new LinkedHashMap<>();
    double step = right.isEmpty() ? ROW : Math.max(ROW, (double) (rows * ROW) / right.size());
    for (int i = 0; i < right.size(); i++) {
      rightY.put(right.get(i), (int) Math.round(TOP + i * step + ROW / 2.0));
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"100%\" style=\"max-width:").append(WIDTH).append("px\" role=\"img\" aria-label=\"")
        .append(escape(title)).append("\" font-family=\"sans-serif\" font-size=\"13\">\n");
    svg.append("<title>").append(escape(title)).append("</title>\n");
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
        + " orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
    svg.append("<text x=\"10\" y=\"20\" font-weight=\"bold\">").append(escape(ReportMessages.graphNeeds())).append("</text>\n");
    svg.append("<text x=\"").append(RIGHT).append("\" y=\"20\" font-weight=\"bold\">").append(escape(ReportMessages.graphNeeded()))
        .append("</text>\n");
    for (Edge e : edges) {
      int y1 = leftY.get(e.from());
      int y2 = rightY.get(e.to());
      int x1 = 10 + BOX;
      int x2 = RIGHT;
      int mid = (x1 + x2) / 2;
      String colour = site.contains(e.to()) ? "#2a6ebb" : "#888";
      svg.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',').append(y1).append(' ')
          .append(mid).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
          .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\">")
          .append("<title>").append(escape(ReportMessages.graphEdge(e.from(), e.to(), e.version()))).append("</title></path>\n");
    }
    for (String c : left) {
      node(svg, 10, leftY.get(c), c, "#eef4fb", "#2a6ebb");
    }
    for (String c : right) {
      boolean ours = site.contains(c);
      node(svg, RIGHT, rightY.get(c), ours ? c : c + " " + ReportMessages.graphCore(), ours ? "#eef4fb" : "#f3f3f3",
          ours ? "#2a6ebb" : "#888");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void node(StringBuilder svg, int x, int y, String label, String fill, String stroke) {
    svg.append("<g><rect x=\"").append(x).append("\" y=\"").append(y - ROW / 2 + 2).append("\" width=\"").append(BOX)
        .append("\" height=\"").append(ROW - 4).append("\" rx=\"4\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
        .append("\"/><text x=\"").append(x + 8).append("\" y=\"").append(y + 4).append("\">").append(escape(label))
        .append("</text></g>\n");
  }

  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
