package dev.strata.lint;

import dev.strata.json.Json;
import dev.strata.lint.impact.Impact;
import dev.strata.lint.rules.SqlNames;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a lint report with the policy's verdict and, optionally, the impact of each statement:
 * text for terminals, Markdown for pull-request comments (codes link to {@code docs/lint.md}), JSON
 * for machines. {@code impacts} may be empty.
 */
public final class LintRender {
  /** Where the code sections live; Markdown links append {@code #ds103}. */
  public static final String DOCS = "docs/lint.md";

  private LintRender() {}

  /** One line per diagnostic, one per statement's impact, then the verdict. */
  public static String text(Plan plan, LintReport report, List<Impact> impacts, Policy policy) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : report.diagnostics()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-7s %s  %s%s%n",
              d.severity().word(),
              d.code(),
              where(d),
              d.message()));
    }
    for (Impact i : impacts) {
      sb.append(String.format(Locale.ROOT, "impact  #%d  %s%n", i.statement() + 1, impactLine(i)));
    }
    sb.append(verdict(report, policy)).append('\n');
    return sb.toString();
  }

  /** A Markdown section: a findings table, an impact table, the verdict. */
  public static String markdown(Plan plan, LintReport report, List<Impact> impacts, Policy policy) {
    StringBuilder sb = new StringBuilder("### Lint\n\n");
    if (report.isEmpty()) {
      sb.append("No findings.\n\n");
    } else {
      sb.append("| Severity | Code | Statement | Finding |\n|---|---|---|---|\n");
      for (Diagnostic d : report.diagnostics()) {
        sb.append("| ")
            .append(d.severity().word())
            .append(" | [")
            .append(d.code())
            .append("](")
            .append(DOCS)
            .append('#')
            .append(d.code().name().toLowerCase(Locale.ROOT))
            .append(") | ")
            .append(d.statement() == null ? "" : "#" + (d.statement() + 1))
            .append(" | ")
            .append(cell(d.message()))
            .append(" |\n");
      }
      sb.append('\n');
    }
    if (!impacts.isEmpty()) {
      sb.append("| # | Statement | Table | Rows | Size | Lock | Rewrite | Duration |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      for (Impact i : impacts) {
        Statement s = plan.statements().get(i.statement());
        sb.append("| ")
            .append(i.statement() + 1)
            .append(" | `")
            .append(cell(firstLine(s.sql())))
            .append("` | ")
            .append(i.table() == null ? "" : i.table())
            .append(" | ")
            .append(i.rows() == null ? "?" : SqlNames.count(i.rows()))
            .append(" | ")
            .append(i.bytes() == null ? "?" : bytes(i.bytes()))
            .append(" | ")
            .append(i.lock())
            .append(" | ")
            .append(i.rewrites() ? "yes" : "no")
            .append(" | ")
            .append(i.duration().word())
            .append(" |\n");
      }
      sb.append('\n');
    }
    sb.append("**").append(verdict(report, policy)).append("**\n");
    return sb.toString();
  }

  /** {@code {"diagnostics": [...], "impact": [...], "blocked": bool, "blockers": [codes]}}. */
  public static String json(LintReport report, List<Impact> impacts, Policy policy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("diagnostics", report.diagnostics().stream().map(LintRender::diagnostic).toList());
    m.put("impact", impacts);
    List<String> blockers = new ArrayList<>();
    policy.blockers(report).forEach(d -> blockers.add(d.code().name()));
    m.put("blocked", !blockers.isEmpty());
    m.put("blockers", blockers);
    return Json.write(m);
  }

  /** A diagnostic as a JSON-ready map (also used by plan files). */
  public static Map<String, Object> diagnostic(Diagnostic d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", d.code().name());
    m.put("category", d.category().key());
    m.put("severity", d.severity().word());
    m.put("message", d.message());
    if (d.statement() != null) {
      m.put("statement", d.statement());
    }
    if (d.object() != null) {
      m.put("object", d.object());
    }
    return m;
  }

  /** "blocked by policy: DS103 ..." or "not blocked (2 warnings)". */
  public static String verdict(LintReport report, Policy policy) {
    List<Diagnostic> blockers = policy.blockers(report);
    if (blockers.isEmpty()) {
      int allowed = policy.allowances(report).size();
      return "not blocked: "
          + count(report.with(Severity.ERROR).size(), "error")
          + ", "
          + count(report.with(Severity.WARNING).size(), "warning")
          + (allowed > 0 ? " (" + allowed + " allowed explicitly)" : "");
    }
    List<String> codes = blockers.stream().map(d -> d.code().name()).distinct().toList();
    return "blocked by policy: "
        + count(blockers.size(), "finding")
        + " ("
        + String.join(", ", codes)
        + "); allow them with --allow CODE or a lint block in strata.hcl";
  }

  static String impactLine(Impact i) {
    String size =
        i.table() == null && i.rows() == null
            ? "" // a statement on no existing table (a new table, a view, a type)
            : (i.table() == null ? "" : i.table() + ": ")
                + (i.rows() == null ? "? rows" : SqlNames.rows(i.rows()))
                + (i.bytes() == null ? "" : ", " + bytes(i.bytes()))
                + ", ";
    return size
        + "lock "
        + i.lock()
        + (i.rewrites() ? ", rewrites the table" : "")
        + ", "
        + i.duration().word();
  }

  private static String where(Diagnostic d) {
    return d.statement() == null ? "" : "#" + (d.statement() + 1) + "  ";
  }

  private static String count(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String bytes(long b) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String firstLine(String sql) {
    String s = sql.strip();
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl) + " ...";
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
