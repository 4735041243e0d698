package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.LockResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock_policy: apply} and {@code none} on a real repository and SQLite file: two pull
 * requests plan the same environment without waiting for each other; under {@code apply} an apply
 * still waits for one in progress (a lock held by another runner) and leaves no lock behind; under
 * {@code none} nothing is ever locked.
 */
class LockPoliciesTest {
  @TempDir Path tmp;
  private TestRepo repo;
  private Path db;

  private Gitops setUp(String policy) throws Exception {
    db = tmp.resolve("dev.db");
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".strata/config.yml", "lock_policy: " + policy + "\n")
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
    repo.branch("a").write("db/schema.hcl", Fixtures.V1).commit("users");
    repo.checkout("main").branch("b").write("db/schema.hcl", Fixtures.V2).commit("timestamps");
    return Gitops.open(
        repo.dir(),
        Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "erin"),
        PullRequests.NONE,
        null);
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  @Test
  void applyPolicyLocksOnlyWhileApplying() throws Exception {
    try (Gitops g = setUp("apply")) {
      assertEquals(Status.PLANNED, only(g.plan("main", "a", 1)).status());
      EnvResult second = only(g.plan("main", "b", 2));
      assertEquals(Status.PLANNED, second.status(), second.message());
      assertTrue(!second.message().contains("locked"), second.message());
      assertEquals(List.of(), g.store().locks(), "plans never lock under lock_policy: apply");

      // Another runner is applying to dev: this apply waits its turn and changes nothing.
      assertTrue(g.store().lock("db", "dev", 2, "b", "other") instanceof LockResult.Acquired);
      EnvResult waiting = only(g.apply(new ApplyRun.Request(1, null, null, List.of())));
      assertEquals(Status.LOCKED, waiting.status(), waiting.message());
      assertTrue(waiting.message().contains("locked by PR #2"), waiting.message());
      assertEquals(List.of(), Sqlite.columns(db, "users"));
      g.store().unlock("db", "dev");

      EnvResult applied = only(g.apply(new ApplyRun.Request(1, null, null, List.of())));
      assertEquals(Status.APPLIED, applied.status(), applied.message());
      assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
      assertEquals(List.of(), g.store().locks(), "the apply lock ends with the apply");
    }
  }

  @Test
  void nonePolicyNeverLocks() throws Exception {
    try (Gitops g = setUp("none")) {
      assertEquals(Status.PLANNED, only(g.plan("main", "a", 1)).status());
      assertEquals(Status.PLANNED, only(g.plan("main", "b", 2)).status());
      assertTrue(g.store().lock("db", "dev", 9, "b", "other") instanceof LockResult.Acquired);
      EnvResult applied = only(g.apply(new ApplyRun.Request(1, null, null, List.of())));
      assertEquals(Status.APPLIED, applied.status(), "locks are ignored: " + applied.message());
      assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
    }
  }
}
