package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squash (and rebase) merges with {@code autoapply: true}: the commit that lands on main is not the
 * planned head and has no plans of its own, yet it carries the pull request's change. Its apply
 * finds the pull request's reviewed plan by the desired schema it leads to, applies it and releases
 * the lock; a commit whose schema nobody planned is still refused.
 */
class SquashMergeTest {
  @TempDir Path tmp;
  private Path db;
  private TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".strata/config.yml", Fixtures.CONFIG)
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Gitops open() {
    return Gitops.open(
        repo.dir(),
        Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "gus"),
        PullRequests.NONE,
        null);
  }

  /** What "Squash and merge" leaves on main: one new commit with the branch's files. */
  private String squash(String schema, String message) throws Exception {
    return repo.checkout("main").write("db/schema.hcl", schema).commit(message);
  }

  @Test
  void aSquashMergeAppliesThePullRequestsReviewedPlan() throws Exception {
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    String planId;
    try (Gitops g = open()) {
      EnvResult planned = only(g.plan("main", "pr", 1));
      assertEquals(Status.PLANNED, planned.status(), planned.message());
      planId = planned.planId();
    }
    String squashed = squash(Fixtures.V1, "users (#1)");
    try (Gitops g = open()) {
      RunReport apply = g.apply(new ApplyRun.Request(0, squashed, null, List.of()));
      EnvResult r = only(apply);
      assertEquals(Status.APPLIED, r.status(), r.message());
      assertEquals(planId, r.planId(), "the plan that was reviewed, not a new one");
      assertTrue(
          apply.notes().get(0).contains("carries the change PR #1 planned"),
          apply.notes().toString());
      assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
      assertEquals(List.of(), g.store().locks(), "merged and applied: the lock is released");
    }
  }

  @Test
  void aPullRequestAppliedBeforeItsSquashMergeIsReleased() throws Exception {
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      g.plan("main", "pr", 2);
      assertEquals(
          Status.APPLIED, only(g.apply(new ApplyRun.Request(2, null, null, List.of()))).status());
      assertEquals(1, g.store().locks().size());
    }
    String squashed = squash(Fixtures.V1, "users (#2)");
    try (Gitops g = open()) {
      EnvResult r = only(g.apply(new ApplyRun.Request(0, squashed, null, List.of())));
      assertEquals(Status.APPLIED, r.status(), r.message());
      assertTrue(r.message().startsWith("Already applied"), r.message());
      assertEquals(List.of(), g.store().locks());
    }
  }

  @Test
  void aCommitWhoseSchemaNobodyPlannedIsRefused() throws Exception {
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      g.plan("main", "pr", 3);
    }
    String edited = squash(Fixtures.V2, "users, edited while merging (#3)");
    try (Gitops g = open()) {
      InputException e =
          assertThrows(
              InputException.class,
              () -> g.apply(new ApplyRun.Request(0, edited, null, List.of())));
      assertTrue(e.getMessage().startsWith("no stored plan for commit "), e.getMessage());
      assertEquals(List.of(), Sqlite.columns(db, "users"), "nothing unreviewed is applied");
    }
  }
}
