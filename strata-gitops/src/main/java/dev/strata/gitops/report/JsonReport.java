package dev.strata.gitops.report;

import dev.strata.json.Json;
import dev.strata.lint.LintRender;
import dev.strata.plan.PlanText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a run for machines: the run's kind, pull request and commits, and per environment its
 * status, message, stored plan id, statements with their reverse, lint findings with the policy's
 * verdict and blockers, and impact. Never folded; database URLs appear masked.
 */
public final class JsonReport {
  private JsonReport() {}

  public static String render(RunReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", r.kind());
    m.put("pr", r.pr() > 0 ? r.pr() : null);
    m.put("base", r.base());
    m.put("head", r.head());
    m.put("failed", r.failed());
    m.put("notes", r.notes());
    m.put("results", r.results().stream().map(JsonReport::env).toList());
    m.values().removeIf(java.util.Objects::isNull);
    return Json.write(m) + "\n";
  }

  private static Map<String, Object> env(EnvResult e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("project", e.project());
    m.put("env", e.env());
    m.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("message", e.message());
    m.put("planId", e.planId());
    if (e.plan() != null) {
      m.put("target", e.plan().target());
      m.put("dialect", e.plan().dialect());
      m.put("fromHash", e.plan().fromHash());
      m.put("toHash", e.plan().toHash());
      m.put("planHash", e.plan().hash());
      m.put("changes", e.changes());
      m.put("statements", e.plan().statements());
      m.put("sql", PlanText.sql(e.plan().plan()));
      m.put("reverse", PlanText.reverse(e.plan().plan()));
      m.put("lint", e.plan().lint().diagnostics().stream().map(LintRender::diagnostic).toList());
      if (e.policy() != null) {
        m.put("verdict", LintRender.verdict(e.plan().lint(), e.policy()));
        m.put(
            "blockers",
            e.policy().blockers(e.plan().lint()).stream().map(d -> d.code().name()).toList());
      }
      m.put("impact", e.plan().impact());
    }
    m.put("hooks", e.hooks().isEmpty() ? null : List.copyOf(e.hooks()));
    m.values().removeIf(java.util.Objects::isNull);
    return m;
  }
}
