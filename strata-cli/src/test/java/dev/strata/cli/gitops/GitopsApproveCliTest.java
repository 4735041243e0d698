package dev.strata.cli.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata gitops approve} and a plain-git {@code apply_requirements} through the CLI. */
class GitopsApproveCliTest {
  @TempDir Path tmp;

  @Test
  void applyWaitsForTheRecordedApprovalAndAMergeableHead() throws Exception {
    Path repo = tmp.resolve("repo");
    PersonIdent who = new PersonIdent("T", "t@example.com");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write(repo, ".strata/config.yml", "apply_requirements:\n  approvals: 1\n  mergeable: true\n");
      write(repo, ".gitignore", "*.db\n");
      write(
          repo,
          "db/strata.hcl",
          "env \"dev\" {\n  url = \"sqlite://dev.db\"\n  src = \"file://schema.hcl\"\n}\n");
      write(repo, "db/schema.hcl", "schema \"main\" {\n}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial").setAuthor(who).setCommitter(who).call();
      git.checkout().setCreateBranch(true).setName("pr1").call();
      write(
          repo,
          "db/schema.hcl",
          "schema \"main\" {\n}\ntable \"t\" {\n  schema = schema.main\n  column \"id\" {\n"
              + "    type = integer\n  }\n}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("t").setAuthor(who).setCommitter(who).call();
      git.checkout().setName("main").call();
    }
    String r = repo.toString();
    assertEquals(
        0,
        Cli.run("gitops", "plan", "--repo", r, "--base", "main", "--head", "pr1", "--pr", "1")
            .code());
    Cli refused = Cli.run("gitops", "apply", "--repo", r, "--pr", "1");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.out().contains("needs 1 approval, has 0"), refused.out());

    Cli approve = Cli.run("gitops", "approve", "--repo", r, "--pr", "1", "--user", "alice");
    assertEquals(0, approve.code(), approve.toString());
    assertTrue(approve.out().startsWith("Recorded: alice approved PR #1 at "), approve.out());
    Cli status = Cli.run("gitops", "status", "--repo", r, "--pr", "1");
    assertTrue(status.out().contains("Approvals of PR #1:\n  alice  at commit "), status.out());

    Cli applied = Cli.run("gitops", "apply", "--repo", r, "--pr", "1");
    assertEquals(0, applied.code(), applied.toString());
    assertTrue(applied.out().contains("| db | dev | applied |"), applied.out());

    Cli usage = Cli.run("gitops", "approve", "--repo", r, "--pr", "2", "--user", "bob");
    assertEquals(2, usage.code(), usage.toString());
    assertTrue(usage.err().contains("PR #2 has no stored plan"), usage.err());
  }

  private static void write(Path repo, String path, String text) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
