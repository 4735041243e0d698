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
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.AuditEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply_requirements} with plain git and no forge: approvals recorded with {@code strata
 * gitops approve} (each person once, tied to the head commit), and {@code mergeable} as a merge
 * simulated on the commit objects. Real repositories and SQLite databases.
 */
class PlainGitRequirementsTest {
  @TempDir Path tmp;
  private Path db;
  private TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    repo = TestRepo.init(tmp.resolve("repo"));
  }

  private void init(String config) throws Exception {
    repo.write(".strata/config.yml", config)
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
  }

  private Gitops open(String actor) {
    return Gitops.open(
        repo.dir(),
        Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", actor),
        PullRequests.NONE,
        null);
  }

  private static EnvResult apply(Gitops g, int pr) {
    return only(g.apply(new ApplyRun.Request(pr, null, null, List.of())));
  }

  @Test
  void approvalsAreCountedOncePerPersonAndOnlyFromApprovers() throws Exception {
    init("apply_requirements:\n  approvals: 2\n  approvers: [alice, bob, carol]\n");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open("dave")) {
      assertEquals(Status.PLANNED, only(g.plan("main", "pr", 3)).status());
      EnvResult none = apply(g, 3);
      assertEquals(Status.NOT_READY, none.status());
      assertEquals(
          "Apply requirements not met: needs 2 approvals from alice, bob, carol, has 0.",
          none.message());

      assertTrue(g.approve(3, "alice", null).startsWith("Recorded: alice approved PR #3 at "));
      assertTrue(g.approve(3, "alice", null).startsWith("alice had already approved PR #3"));
      assertTrue(
          g.approve(3, "mallory", null)
              .endsWith(
                  " It does not count: mallory is not in apply_requirements.approvers (alice,"
                      + " bob, carol)."));
      EnvResult one = apply(g, 3);
      assertEquals(Status.NOT_READY, one.status());
      assertTrue(
          one.message().contains("needs 2 approvals from alice, bob, carol, has 1 (alice)"),
          one.message());
      assertEquals(List.of(), Sqlite.columns(db, "users"), "nothing applied");

      g.approve(3, "bob", null);
      EnvResult applied = apply(g, 3);
      assertEquals(Status.APPLIED, applied.status(), applied.message());
      assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));

      List<AuditEntry> audit = g.store().audit(50);
      assertEquals(
          4, audit.stream().filter(a -> a.action().equals("approve")).count(), audit.toString());
      assertTrue(
          audit.stream()
              .anyMatch(
                  a ->
                      a.action().equals("approve")
                          && a.actor().equals("dave")
                          && a.detail().startsWith("bob approved PR #3 at ")
                          && a.detail().endsWith("(recorded by dave)")),
          audit.toString());
    }
  }

  @Test
  void aNewHeadCommitDismissesEarlierApprovals() throws Exception {
    init("apply_requirements:\n  approvals: 1\n");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open("bob")) {
      g.plan("main", "pr", 5);
      g.approve(5, "alice", null);
      repo.write("db/schema.hcl", Fixtures.V2).commit("more columns");
      assertEquals(Status.PLANNED, only(g.plan("main", "pr", 5)).status());
      EnvResult stale = apply(g, 5);
      assertEquals(Status.NOT_READY, stale.status());
      assertTrue(
          stale.message().contains("has 0 (1 recorded at an earlier head commit no longer counts)"),
          stale.message());
      g.revokeApproval(5, "alice");
      g.approve(5, "alice", null);
      assertEquals(Status.APPLIED, apply(g, 5).status());
      assertTrue(Sqlite.columns(db, "users").contains("last_login"));
    }
  }

  @Test
  void earlierApprovalsCountWhenConfiguredSo() throws Exception {
    init("apply_requirements:\n  approvals: 1\n  dismiss_stale_approvals: false\n");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open("bob")) {
      g.plan("main", "pr", 6);
      g.approve(6, "alice", null);
      repo.write("db/schema.hcl", Fixtures.V2).commit("more columns");
      g.plan("main", "pr", 6);
      EnvResult r = apply(g, 6);
      assertEquals(Status.APPLIED, r.status(), r.message());
    }
  }

  @Test
  void anApprovalNeedsAKnownHead() throws Exception {
    init("apply_requirements:\n  approvals: 1\n");
    try (Gitops g = open("bob")) {
      InputException e = assertThrows(InputException.class, () -> g.approve(9, "alice", null));
      assertTrue(e.getMessage().contains("PR #9 has no stored plan"), e.getMessage());
      assertTrue(g.approve(9, "alice", "main").startsWith("Recorded: alice approved PR #9"));
    }
  }

  @Test
  void mergeableMeansTheHeadMergesIntoTheDefaultBranchWithoutConflicts() throws Exception {
    init("apply_requirements:\n  mergeable: true\n");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    repo.checkout("main").write("db/schema.hcl", Fixtures.V2).commit("conflicting change on main");
    String mainBefore = repo.dir().resolve("db/schema.hcl").toString();
    String textBefore = Files.readString(Path.of(mainBefore));
    try (Gitops g = open("bob")) {
      assertEquals(Status.PLANNED, only(g.plan("main", "pr", 7)).status());
      EnvResult conflict = apply(g, 7);
      assertEquals(Status.NOT_READY, conflict.status());
      assertTrue(
          conflict
              .message()
              .matches(
                  "Apply requirements not met: PR #7 is not mergeable: [0-9a-f]{7} conflicts with main"
                      + " in db/schema.hcl\\."),
          conflict.message());
      assertEquals(List.of(), Sqlite.columns(db, "users"), "nothing applied");
    }
    // The simulation touched neither the work tree nor the index nor any branch.
    assertEquals(textBefore, Files.readString(Path.of(mainBefore)));
    try (Git git = Git.open(repo.dir().toFile())) {
      assertTrue(git.status().call().isClean());
      assertEquals("main", git.getRepository().getBranch());
      assertTrue(git.getRepository().readMergeHeads() == null, "no merge in progress");
    }

    // Main moves on without touching the schema: the pull request merges cleanly again.
    repo.write("db/schema.hcl", Fixtures.EMPTY).write("README.md", "hi\n").commit("undo");
    try (Gitops g = open("bob")) {
      EnvResult clean = apply(g, 7);
      assertEquals(Status.APPLIED, clean.status(), clean.message());
    }
  }

  @Test
  void forgeOnlyRequirementsSayTheyNeedAForge() throws Exception {
    init("apply_requirements:\n  status_checks: true\n  not_draft: true\n");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open("bob")) {
      g.plan("main", "pr", 8);
      EnvResult r = apply(g, 8);
      assertEquals(Status.NOT_READY, r.status());
      assertTrue(r.message().contains("status_checks needs a forge"), r.message());
      assertTrue(r.message().contains("not_draft needs a forge"), r.message());
    }
    assertEquals(List.of(), Sqlite.columns(db, "users"), "nothing applied");
  }
}
