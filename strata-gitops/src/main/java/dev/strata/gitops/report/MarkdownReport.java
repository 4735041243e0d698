package dev.strata.gitops.report;

import dev.strata.gitops.git.GitRepo;
import dev.strata.lint.LintRender;
import dev.strata.lint.Severity;
import dev.strata.lint.impact.Impact;
import dev.strata.plan.PlanFile;
import dev.strata.plan.PlanText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a run as a pull-request comment: a summary table (project, env, status, changes, lint,
 * impact), then per environment its message, the SQL in a collapsible block, the lint findings and
 * impact, and the reverse plan.
 *
 * <p>Folding: the comment is built from parts, some of which (SQL, reverse plan, lint, hook output)
 * have a short folded form. While the whole exceeds {@link #LIMIT}, the longest unfolded part is
 * replaced by its folded form, which points to {@code report.json} and the stored plan id. The
 * summary table is never folded; if it alone is too long, the text is cut with a final note.
 */
public final class MarkdownReport {
  /** GitHub's comment limit is 65,536 characters; keep a margin for the forge's own framing. */
  public static final int LIMIT = 65_000;

  /** A piece of the comment and its folded replacement (null when it cannot be folded). */
  private record Part(String full, String folded) {}

  private MarkdownReport() {}

  /** The Markdown of {@code report}, at most {@code limit} characters. */
  public static String render(RunReport report, int limit) {
    List<Part> parts = parts(report);
    boolean[] folded = new boolean[parts.size()];
    int total = parts.stream().mapToInt(p -> p.full().length()).sum();
    while (total > limit) {
      int longest = -1;
      for (int i = 0; i < parts.size(); i++) {
        Part p = parts.get(i);
        if (!folded[i]
            && p.folded() != null
            && (longest < 0 || p.full().length() > parts.get(longest).full().length())) {
          longest = i;
        }
      }
      if (longest < 0) {
        break;
      }
      folded[longest] = true;
      total += parts.get(longest).folded().length() - parts.get(longest).full().length();
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      sb.append(folded[i] ? parts.get(i).folded() : parts.get(i).full());
    }
    if (sb.length() > limit) {
      String note = "\n\n_… cut to fit one comment; see report.json for everything._\n";
      int end = limit - note.length();
      // Cut before a whole part (every folded part is a closed block), never inside a code fence
      // or a <details>; within the summary table, after a whole row.
      int cut = 0;
      int at = 0;
      for (int i = 0; i < parts.size(); i++) {
        int len = (folded[i] ? parts.get(i).folded() : parts.get(i).full()).length();
        if (at + len > end) {
          break;
        }
        at += len;
        cut = at;
      }
      if (cut == 0) {
        cut = Math.max(0, sb.lastIndexOf("\n", end - 1) + 1);
      }
      sb.setLength(cut);
      sb.append(note);
    }
    return sb.toString();
  }

  /** The Markdown of {@code report} within GitHub's comment limit. */
  public static String render(RunReport report) {
    return render(report, LIMIT);
  }

  private static List<Part> parts(RunReport r) {
    List<Part> parts = new ArrayList<>();
    StringBuilder head = new StringBuilder("## Strata ").append(r.kind());
    if (r.pr() > 0) {
      head.append(" · PR #").append(r.pr());
    }
    if (r.head() != null) {
      head.append(" · `").append(GitRepo.shortSha(r.head())).append('`');
    }
    head.append("\n\n");
    for (String n : r.notes()) {
      head.append(n).append("\n\n");
    }
    if (!r.results().isEmpty()) {
      head.append("| Project | Env | Status | Changes | Lint | Impact |\n")
          .append("|---|---|---|---|---|---|\n");
      for (EnvResult e : r.results()) {
        head.append("| ")
            .append(e.project())
            .append(" | ")
            .append(e.env())
            .append(" | ")
            .append(e.status().word())
            .append(" | ")
            .append(e.plan() == null ? "–" : count(e.changes(), "statement"))
            .append(" | ")
            .append(lintCell(e))
            .append(" | ")
            .append(impactCell(e.plan()))
            .append(" |\n");
      }
      head.append('\n');
    }
    parts.add(new Part(head.toString(), null));
    for (EnvResult e : r.results()) {
      parts.addAll(envParts(e));
    }
    return parts;
  }

  private static List<Part> envParts(EnvResult e) {
    List<Part> parts = new ArrayList<>();
    StringBuilder title =
        new StringBuilder("### ").append(e.project()).append(" · ").append(e.env());
    title.append(" — ").append(e.status().word()).append("\n\n");
    if (e.message() != null && !e.message().isBlank()) {
      title.append(e.message().strip()).append("\n\n");
    }
    parts.add(new Part(title.toString(), null));
    String where =
        e.planId() == null ? "report.json" : "report.json (stored plan " + e.planId() + ")";
    PlanFile p = e.plan();
    if (p != null && !p.statements().isEmpty()) {
      String sql = PlanText.sql(p.plan());
      parts.add(
          new Part(
              details("SQL · " + count(p.statements().size(), "statement"), fence("sql", sql)),
              details(
                  "SQL · " + count(p.statements().size(), "statement") + " (folded)",
                  "Too long for one comment: see " + where + ".\n")));
      if (e.policy() != null) {
        // One level below the environment's heading, so it reads as part of that environment.
        String lint =
            LintRender.markdown(p.plan(), p.lint(), p.impact(), e.policy())
                    .replaceFirst("^### Lint\n", "#### Lint\n")
                    // The comment lives in the user's repository, where docs/lint.md is no page.
                    .replaceAll("\\[([A-Z]{2}\\d+)]\\(" + LintRender.DOCS + "#[a-z0-9]+\\)", "`$1`")
                + "\n";
        parts.add(
            new Part(
                lint,
                "**"
                    + LintRender.verdict(p.lint(), e.policy())
                    + "** (details folded: see "
                    + where
                    + ")\n\n"));
      }
      String reverse = PlanText.reverse(p.plan());
      parts.add(
          new Part(
              details("Reverse plan (to undo)", fence("sql", reverse)),
              details("Reverse plan (folded)", "Too long for one comment: see " + where + ".\n")));
    }
    if (!e.hooks().isEmpty()) {
      String out = String.join("\n", e.hooks());
      parts.add(
          new Part(
              details("Hooks", fence("", out)),
              details("Hooks (folded)", "Output folded: see " + where + ".\n")));
    }
    return parts;
  }

  private static String lintCell(EnvResult e) {
    PlanFile p = e.plan();
    if (p == null || e.policy() == null) {
      return "–";
    }
    if (!e.policy().blockers(p.lint()).isEmpty()) {
      return "⛔ "
          + String.join(
              ", ",
              e.policy().blockers(p.lint()).stream().map(d -> d.code().name()).distinct().toList());
    }
    int errors = p.lint().with(Severity.ERROR).size();
    int warnings = p.lint().with(Severity.WARNING).size();
    if (errors + warnings == 0) {
      return "✅ clean";
    }
    return "⚠️ " + (errors > 0 ? count(errors, "error") + ", " : "") + count(warnings, "warning");
  }

  private static String impactCell(PlanFile p) {
    if (p == null || p.impact().isEmpty()) {
      return "–";
    }
    Impact worst =
        p.impact().stream().max(Comparator.comparing(i -> i.duration().ordinal())).orElseThrow();
    List<String> rewritten =
        p.impact().stream().filter(Impact::rewrites).map(Impact::table).distinct().toList();
    return worst.duration().word()
        + (rewritten.isEmpty() ? "" : ", rewrites " + String.join(", ", rewritten));
  }

  private static String details(String summary, String body) {
    return "<details><summary>" + summary + "</summary>\n\n" + body + "\n</details>\n\n";
  }

  private static String fence(String lang, String body) {
    String b = body.endsWith("\n") ? body : body + "\n";
    return "```" + lang + "\n" + b + "```\n";
  }

  static String count(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
