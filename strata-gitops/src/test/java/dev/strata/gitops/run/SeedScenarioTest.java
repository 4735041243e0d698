package dev.strata.gitops.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario end to end on a real git repository and a real SQLite file, with the minimal
 * repository (only {@code autoapply: true} in the config): three pull requests — create users; add
 * created_at and last_login; revert — each planned on the pull request, merged, and applied from
 * the merge commit.
 */
class SeedScenarioTest {
  @TempDir Path tmp;

  @Test
  void threePullRequestsPlannedMergedAndApplied() throws Exception {
    Path db = tmp.resolve("dev.db");
    Map<String, String> env = Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "alice");
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write(".strata/config.yml", Fixtures.CONFIG)
          .write("db/strata.hcl", Fixtures.PROJECT)
          .write("db/schema.hcl", Fixtures.EMPTY)
          .commit("initial");

      // PR 1: create users.
      repo.branch("pr1").write("db/schema.hcl", Fixtures.V1).commit("create users");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport plan = g.plan("main", "pr1", 1);
        EnvResult r = only(plan);
        assertEquals(Status.PLANNED, r.status(), r.message());
        String md = MarkdownReport.render(plan);
        assertTrue(md.contains("## Strata plan · PR #1"), md);
        assertTrue(md.contains("| db | dev | planned | 1 statement |"), md);
        assertTrue(md.contains("<details><summary>SQL · 1 statement</summary>"), md);
        assertTrue(md.contains("CREATE TABLE"), md);
        assertTrue(md.contains("Reverse plan"), md);
        assertTrue(md.contains("DROP TABLE"), md);
        assertEquals(1, g.store().locks().size(), "strict: PR 1 holds dev");
        assertEquals(List.of(), Sqlite.columns(db, "users"), "planning changes nothing");
      }
      String m1 = repo.merge("pr1");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        EnvResult r = only(g.apply(new ApplyRun.Request(0, m1, null, List.of())));
        assertEquals(Status.APPLIED, r.status(), r.message());
        assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
        assertEquals(List.of(), g.store().locks(), "merged and applied: lock released");
      }

      // PR 2: add created_at and last_login.
      repo.branch("pr2").write("db/schema.hcl", Fixtures.V2).commit("add timestamps");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport plan = g.plan("main", "pr2", 2);
        assertEquals(Status.PLANNED, only(plan).status(), only(plan).message());
        String md = MarkdownReport.render(plan);
        assertTrue(md.contains("created_at") && md.contains("last_login"), md);
      }
      String m2 = repo.merge("pr2");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        EnvResult r = only(g.apply(new ApplyRun.Request(0, m2, null, List.of())));
        assertEquals(Status.APPLIED, r.status(), r.message());
        assertEquals(
            List.of("id", "name", "is_admin", "created_at", "last_login"),
            Sqlite.columns(db, "users"));
      }

      // PR 3: revert; dropping columns is blocked until allowed.
      repo.branch("pr3").write("db/schema.hcl", Fixtures.V1).commit("revert timestamps");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport plan = g.plan("main", "pr3", 3);
        EnvResult r = only(plan);
        assertEquals(Status.BLOCKED, r.status(), r.message());
        String md = MarkdownReport.render(plan);
        assertTrue(md.contains("⛔"), md);
        assertTrue(md.contains("blocked by policy"), md);
      }
      String m3 = repo.merge("pr3");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        EnvResult refused = only(g.apply(new ApplyRun.Request(0, m3, null, List.of())));
        assertEquals(Status.BLOCKED, refused.status(), refused.message());
        assertEquals(5, Sqlite.columns(db, "users").size(), "refused: nothing changed");
        EnvResult r = only(g.apply(new ApplyRun.Request(0, m3, null, List.of("destructive"))));
        assertEquals(Status.APPLIED, r.status(), r.message());
        assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
        assertEquals(List.of(), g.store().locks());
        assertTrue(g.store().audit(50).stream().anyMatch(a -> a.action().equals("apply")));
      }
    }
  }

  static EnvResult only(RunReport report) {
    assertEquals(1, report.results().size(), report.toString());
    return report.results().get(0);
  }
}
