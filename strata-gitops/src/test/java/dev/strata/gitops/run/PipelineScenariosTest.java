package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.JsonReport;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's other paths on real repositories and SQLite files: a change that touches no schema
 * file, two pull requests racing for one environment, a database changed by hand between plan and
 * apply, drift after a manual change, environment order, hooks and masked secrets.
 */
class PipelineScenariosTest {
  @TempDir Path tmp;
  private Path db;
  private Map<String, String> env;
  private TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    env = Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "bob");
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".strata/config.yml", Fixtures.CONFIG)
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
  }

  private Gitops open() {
    return Gitops.open(repo.dir(), env, PullRequests.NONE, null);
  }

  @Test
  void aChangeOutsideEveryProjectPlansNothing() throws Exception {
    repo.branch("docs").write("README.md", "# hello\n").commit("docs only");
    try (Gitops g = open()) {
      RunReport plan = g.plan("main", "docs", 7);
      assertEquals(List.of(), plan.results());
      assertEquals(0, plan.exitCode());
      assertTrue(MarkdownReport.render(plan).contains("No project is affected"));
    }
    String merge = repo.merge("docs");
    try (Gitops g = open()) {
      RunReport apply = g.apply(new ApplyRun.Request(0, merge, null, List.of()));
      assertEquals(List.of(), apply.results());
      assertTrue(apply.notes().get(0).contains("nothing to apply"), apply.notes().toString());
    }
    assertEquals(List.of(), Sqlite.columns(db, "users"));
  }

  @Test
  void theSecondPullRequestIsToldWhoHoldsTheLock() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("a");
    repo.checkout("main").branch("b").write("db/schema.hcl", Fixtures.V2).commit("b");
    try (Gitops g = open()) {
      assertEquals(Status.PLANNED, only(g.plan("main", "a", 1)).status());
      EnvResult second = only(g.plan("main", "b", 2));
      assertEquals(Status.LOCKED, second.status());
      assertTrue(second.message().contains("locked by PR #1"), second.message());
      assertTrue(second.message().contains("by bob"), second.message());
      // PR 2 cannot apply either, and nothing of it reaches the database.
      RunReport apply = g.apply(new ApplyRun.Request(1, null, null, List.of()));
      assertEquals(Status.APPLIED, only(apply).status(), only(apply).message());
      assertEquals(1, g.unlockPr(1));
      assertEquals(Status.PLANNED, only(g.plan("main", "b", 2)).status());
    }
  }

  @Test
  void aDatabaseChangedByHandIsReplannedNotAppliedBlindly() throws Exception {
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      assertEquals(Status.PLANNED, only(g.plan("main", "pr", 4)).status());
      Sqlite.exec(db.toAbsolutePath(), "CREATE TABLE audit (id integer PRIMARY KEY)");
      RunReport apply = g.apply(new ApplyRun.Request(4, null, null, List.of()));
      EnvResult r = only(apply);
      assertEquals(Status.REPLANNED, r.status(), r.message());
      assertTrue(r.message().contains("table audit was created"), r.message());
      assertEquals(1, apply.exitCode());
      assertEquals(List.of(), Sqlite.columns(db, "users"), "nothing applied");
      String md = MarkdownReport.render(apply);
      assertTrue(md.contains("DROP TABLE") && md.contains("audit"), md);
      // The new plan was shown; applying again applies exactly it (it drops the hand-made table,
      // which is destructive, so it must be allowed).
      EnvResult again = only(g.apply(new ApplyRun.Request(4, null, null, List.of("destructive"))));
      assertEquals(Status.APPLIED, again.status(), again.message());
      assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
      assertEquals(List.of(), Sqlite.columns(db, "audit"));
    }
  }

  @Test
  void driftIsReportedAfterAManualChange() throws Exception {
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    String merge;
    try (Gitops g = open()) {
      g.plan("main", "pr", 1);
      merge = repo.merge("pr");
      assertEquals(
          Status.APPLIED, only(g.apply(new ApplyRun.Request(0, merge, null, List.of()))).status());
      RunReport clean = g.drift(null);
      assertEquals(Status.IN_SYNC, only(clean).status(), only(clean).message());
      assertEquals(0, clean.exitCode());
    }
    Sqlite.exec(db.toAbsolutePath(), "ALTER TABLE users ADD COLUMN nickname text");
    try (Gitops g = open()) {
      RunReport drift = g.drift(null);
      EnvResult r = only(drift);
      assertEquals(Status.DRIFT, r.status());
      assertEquals(1, drift.exitCode());
      assertTrue(r.message().contains("table users gained column nickname"), r.message());
      assertTrue(JsonReport.render(drift).contains("\"status\": \"drift\""));
    }
  }

  @Test
  void envsApplyInOrderWithHooksAndSecretsStayMasked() throws Exception {
    Path staging = tmp.resolve("staging.db");
    repo.write(
            ".strata/config.yml",
            """
            projects:
              - dir: db
                envs:
                  - staging
                  - name: prod
                    after: [staging]
            lock_policy: apply
            hooks:
              apply:
                before: ["echo backing up $STRATA_ENV of $STRATA_PROJECT for PR $STRATA_PR"]
            """)
        .write(
            "db/strata.hcl",
            """
            env "staging" {
              url = "sqlite://%s"
              src = "file://schema.hcl"
            }
            env "prod" {
              url = getenv("PROD_URL")
              src = "file://schema.hcl"
            }
            """
                .formatted(staging))
        .commit("two envs");
    env = Map.of("PROD_URL", "sqlite://" + db, "STRATA_ACTOR", "carol");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      RunReport plan = g.plan("main", "pr", 9);
      assertEquals(2, plan.results().size());
      assertEquals("staging", plan.results().get(0).env());
      EnvResult prodFirst = only(g.apply(new ApplyRun.Request(9, null, "prod", List.of())));
      assertEquals(Status.NOT_READY, prodFirst.status());
      assertTrue(prodFirst.message().contains("after staging"), prodFirst.message());
      RunReport both = g.apply(new ApplyRun.Request(9, null, null, List.of()));
      assertEquals(Status.APPLIED, both.results().get(0).status());
      assertEquals(Status.APPLIED, both.results().get(1).status(), both.toString());
      assertTrue(
          both.results().get(0).hooks().get(0).contains("backing up staging of db for PR 9"),
          both.results().get(0).hooks().toString());
      assertEquals(List.of(), g.store().locks(), "apply policy: locks only during the apply");
      assertEquals(3, Sqlite.columns(staging, "users").size());
      assertEquals(3, Sqlite.columns(db, "users").size());
    }
  }

  @Test
  void passwordsAreMaskedInReports() throws Exception {
    env = Map.of("DEV_DATABASE_URL", "postgres://app:s3cret@127.0.0.1:1/nodb");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      RunReport plan = g.plan("main", "pr", 5);
      assertEquals(Status.ERROR, only(plan).status());
      String all = MarkdownReport.render(plan) + JsonReport.render(plan);
      assertTrue(!all.contains("s3cret"), all);
      String stored =
          Files.readString(
              repo.dir().resolve(".git/strata/state.db"),
              java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(!stored.contains("s3cret"));
    }
  }
}
