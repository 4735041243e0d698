package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI checkout of a pull request: a clone on the pull request's branch where the default branch
 * exists only as {@code origin/main}. The mergeable requirement and drift find it there instead of
 * failing on a missing local {@code main}.
 */
class CiCheckoutTest {
  @TempDir Path tmp;

  @Test
  void theDefaultBranchIsFoundAsOriginMain() throws Exception {
    Path origin = tmp.resolve("origin");
    try (TestRepo repo = TestRepo.init(origin)) {
      repo.write(".strata/config.yml", "apply_requirements:\n  mergeable: true\n")
          .write("db/strata.hcl", Fixtures.PROJECT)
          .write("db/schema.hcl", Fixtures.EMPTY)
          .commit("initial");
      repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    }
    Path clone = tmp.resolve("ci");
    Git.cloneRepository()
        .setURI(origin.toUri().toString())
        .setDirectory(clone.toFile())
        .setBranch("refs/heads/pr")
        .call()
        .close();
    try (GitRepo git = GitRepo.open(clone)) {
      assertEquals(Optional.empty(), git.tryResolve("main"), "no local main, as in CI");
    }
    Path db = tmp.resolve("dev.db");
    Map<String, String> env = Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "hal");
    try (Gitops g = Gitops.open(clone, env, PullRequests.NONE, null)) {
      assertEquals(Status.PLANNED, only(g.plan("origin/main", "HEAD", 7)).status());
      EnvResult applied = only(g.apply(new ApplyRun.Request(7, null, null, List.of())));
      assertEquals(Status.APPLIED, applied.status(), "mergeable into origin/main: " + applied);
      assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
      // Not merged yet, so the database is ahead of the default branch: drift, not an error.
      EnvResult drift = only(g.drift(null));
      assertEquals(Status.DRIFT, drift.status(), drift.message());
      assertTrue(drift.message().contains("table users was created"), drift.message());
    }
  }
}
