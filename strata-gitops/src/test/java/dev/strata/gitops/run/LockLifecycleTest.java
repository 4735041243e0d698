package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The strict lock's whole life with plain git and the default {@code autoapply: false} (apply on
 * the pull request, then merge): the lock outlives the apply until the merge, and is then released
 * without anyone running {@code unlock}; a pull request merged without being applied keeps it. Also
 * a revert down to an empty schema, which must end applied and in sync.
 */
class LockLifecycleTest {
  @TempDir Path tmp;
  private Path db;
  private Map<String, String> env;
  private TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    env = Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "carol");
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".strata/config.yml", "lock_policy: strict\n")
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Gitops open() {
    return Gitops.open(repo.dir(), env, PullRequests.NONE, null);
  }

  @Test
  void aPullRequestAppliedBeforeMergeReleasesItsLockOnceMerged() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    repo.checkout("main").branch("b").write("db/schema.hcl", Fixtures.V2).commit("timestamps");
    try (Gitops g = open()) {
      EnvResult planned = only(g.plan("main", "a", 1));
      assertEquals(Status.PLANNED, planned.status());
      assertTrue(
          planned.message().startsWith("Apply with `strata gitops apply --pr 1`"),
          "autoapply is off: apply on the pull request. " + planned.message());
      assertEquals(
          Status.APPLIED, only(g.apply(new ApplyRun.Request(1, null, null, List.of()))).status());
      assertEquals(1, g.store().locks().size(), "applied but not merged: still locked");
      EnvResult early = only(g.plan("main", "b", 2));
      assertEquals(Status.LOCKED, early.status(), early.message());
      assertTrue(early.message().contains("locked by PR #1"), early.message());
    }
    repo.merge("a");
    try (Gitops g = open()) {
      EnvResult r = only(g.plan("main", "b", 2));
      assertEquals(Status.PLANNED, r.status(), r.message());
      assertTrue(
          r.message().startsWith("Released the lock of db/dev held by PR #1 (commit "),
          r.message());
      assertTrue(r.message().contains("applied and is merged into main"), r.message());
      assertEquals(2, g.store().locks().get(0).pr(), "PR 2 holds dev now");
      assertTrue(
          g.store().audit(20).stream()
              .anyMatch(
                  a -> a.action().equals("unlock") && a.pr() == 1 && a.actor().equals("carol")),
          "the release is audited");
    }
  }

  @Test
  void replanningAnAppliedButUnmergedPullRequestKeepsItsLock() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    repo.checkout("main").branch("b").write("db/schema.hcl", Fixtures.V2).commit("timestamps");
    try (Gitops g = open()) {
      g.plan("main", "a", 1);
      g.apply(new ApplyRun.Request(1, null, null, List.of()));
    }
    // PR 1 gets another commit after its apply: CI plans it again; nothing is left to do, but
    // the database is now ahead of main, so PR 2 must still wait.
    repo.checkout("a").write("db/NOTES.md", "why users\n").commit("notes");
    try (Gitops g = open()) {
      EnvResult again = only(g.plan("main", "a", 1));
      assertEquals(Status.NO_CHANGES, again.status(), again.message());
      assertTrue(
          again
              .message()
              .endsWith(
                  "dev stays locked for PR #1 until it is merged: the database"
                      + " is ahead of main."),
          again.message());
      assertEquals(1, g.store().locks().size());
      assertEquals(Status.LOCKED, only(g.plan("main", "b", 2)).status());
    }
    repo.merge("a");
    try (Gitops g = open()) {
      EnvResult r = only(g.plan("main", "b", 2));
      assertEquals(Status.PLANNED, r.status(), r.message());
    }
  }

  @Test
  void aPullRequestThatNoLongerChangesTheSchemaReleasesItsLock() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      assertEquals(Status.PLANNED, only(g.plan("main", "a", 1)).status());
    }
    repo.write("db/schema.hcl", Fixtures.EMPTY).commit("never mind");
    try (Gitops g = open()) {
      RunReport r = g.plan("main", "a", 1);
      assertEquals(List.of(), r.results(), "the pull request no longer changes anything");
      assertEquals(
          "Released PR #1's lock of db/dev: the change no longer touches db.",
          r.notes().get(0),
          r.notes().toString());
      assertEquals(List.of(), g.store().locks());
    }
  }

  @Test
  void aSquashMergedPullRequestIsSeenAsMergedToo() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    repo.checkout("main").branch("b").write("db/schema.hcl", Fixtures.V2).commit("timestamps");
    try (Gitops g = open()) {
      g.plan("main", "a", 1);
      g.apply(new ApplyRun.Request(1, null, null, List.of()));
    }
    // "Squash and merge": main gets a new commit with a's files; a's head is not in main.
    repo.checkout("main").write("db/schema.hcl", Fixtures.V1).commit("users (#1)");
    try (Gitops g = open()) {
      EnvResult r = only(g.plan("main", "b", 2));
      assertEquals(Status.PLANNED, r.status(), r.message());
      assertTrue(r.message().startsWith("Released the lock of db/dev held by PR #1"), r.message());
    }
  }

  @Test
  void thePushToMainJobReleasesLocksOfAppliedAndMergedPullRequests() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      g.plan("main", "a", 1);
      g.apply(new ApplyRun.Request(1, null, null, List.of()));
    }
    String merge = repo.merge("a");
    try (Gitops g = open()) {
      RunReport r = g.apply(new ApplyRun.Request(0, merge, null, List.of()));
      assertEquals(List.of(), r.results(), "autoapply is off: nothing is applied from the commit");
      assertTrue(r.notes().get(0).startsWith("autoapply is off"), r.notes().toString());
      assertEquals(2, r.notes().size(), r.notes().toString());
      assertTrue(r.notes().get(1).startsWith("Released the lock of db/dev held by PR #1"));
      assertEquals(List.of(), g.store().locks());
    }
  }

  @Test
  void aPullRequestMergedWithoutBeingAppliedKeepsItsLock() throws Exception {
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    repo.checkout("main").branch("b").write("db/schema.hcl", Fixtures.V2).commit("timestamps");
    try (Gitops g = open()) {
      g.plan("main", "a", 1);
    }
    String merge = repo.merge("a");
    try (Gitops g = open()) {
      assertEquals(1, g.apply(new ApplyRun.Request(0, merge, null, List.of())).notes().size());
      EnvResult r = only(g.plan("main", "b", 2));
      assertEquals(Status.LOCKED, r.status(), "PR 1's change never reached the database");
      assertTrue(r.message().contains("locked by PR #1"), r.message());
      assertEquals(List.of(), Sqlite.columns(db, "users"));
    }
  }

  @Test
  void revertingToAnEmptySchemaDropsTheLastTableAndEndsInSync() throws Exception {
    repo.write(".strata/config.yml", Fixtures.CONFIG).commit("autoapply");
    repo.branch("create").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      EnvResult planned = only(g.plan("main", "create", 1));
      assertTrue(
          planned
              .message()
              .startsWith(
                  "Applied after merge (autoapply: `strata gitops apply --commit SHA` on the merge"
                      + " commit), or apply it before merging with `strata gitops apply --pr 1`;"
                      + " dev is locked for PR #1 until then."),
          planned.message());
      String m1 = repo.merge("create");
      assertEquals(
          Status.APPLIED, only(g.apply(new ApplyRun.Request(0, m1, null, List.of()))).status());
    }
    repo.branch("revert").write("db/schema.hcl", Fixtures.EMPTY).commit("revert users");
    try (Gitops g = open()) {
      assertEquals(Status.BLOCKED, only(g.plan("main", "revert", 2)).status());
      String m2 = repo.merge("revert");
      EnvResult r = only(g.apply(new ApplyRun.Request(0, m2, null, List.of("destructive"))));
      assertEquals(Status.APPLIED, r.status(), r.message());
      assertEquals(List.of(), Sqlite.columns(db, "users"));
      assertEquals(List.of(), g.store().locks());
      EnvResult drift = only(g.drift(null));
      assertEquals(Status.IN_SYNC, drift.status(), drift.message());
    }
  }
}
