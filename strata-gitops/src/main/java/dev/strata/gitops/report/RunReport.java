package dev.strata.gitops.report;

import java.util.List;

/**
 * What a run did: its kind ({@code plan}, {@code apply}, {@code drift}), the pull request (0 when
 * none), the commits, one result per environment in the order they were handled, and notes for
 * people ("no project is affected by this change").
 */
public record RunReport(
    String kind, int pr, String base, String head, List<EnvResult> results, List<String> notes) {
  public RunReport {
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }

  /** Whether any environment's outcome should fail the command. */
  public boolean failed() {
    return results.stream().anyMatch(r -> r.status().failed());
  }

  /** The exit code: 0 when nothing failed, else 1. */
  public int exitCode() {
    return failed() ? 1 : 0;
  }
}
