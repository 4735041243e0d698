package dev.strata.cli.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autoplan} with plain git: a CI job that runs on every pull request change passes {@code
 * --auto}, and then plans only while {@code autoplan} is true at the head commit; a plan asked for
 * (no {@code --auto}) always runs.
 */
class GitopsAutoplanCliTest {
  @TempDir Path tmp;

  private Path repo(String config) throws Exception {
    Path repo = tmp.resolve("repo");
    PersonIdent who = new PersonIdent("T", "t@example.com");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write(repo, ".strata/config.yml", config);
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
          "schema \"main\" {\n}\ntable \"t\" {\n  schema = schema.main\n"
              + "  column \"id\" {\n    type = integer\n  }\n}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("t").setAuthor(who).setCommitter(who).call();
    }
    return repo;
  }

  @Test
  void anAutomaticRunPlansNothingWhenAutoplanIsOff() throws Exception {
    String r = repo("autoplan: false\n").toString();
    Cli auto =
        Cli.run(
            "gitops", "plan", "--repo", r, "--base", "main", "--head", "pr1", "--pr", "1",
            "--auto");
    assertEquals(0, auto.code(), auto.toString());
    assertTrue(auto.out().contains("autoplan is off in .strata/config.yml"), auto.out());
    assertFalse(auto.out().contains("| db | dev |"), auto.out());
    Cli status = Cli.run("gitops", "status", "--repo", r, "--pr", "1");
    assertTrue(status.out().contains("Locks: none"), status.toString());
    assertTrue(status.out().contains("Plans of PR #1: none"), status.toString());

    Cli asked =
        Cli.run("gitops", "plan", "--repo", r, "--base", "main", "--head", "pr1", "--pr", "1");
    assertEquals(0, asked.code(), asked.toString());
    assertTrue(asked.out().contains("| db | dev | planned | 1 statement |"), asked.out());
  }

  @Test
  void anAutomaticRunPlansByDefault() throws Exception {
    String r = repo("autoapply: true\n").toString();
    Cli auto =
        Cli.run(
            "gitops", "plan", "--repo", r, "--base", "main", "--head", "pr1", "--pr", "1",
            "--auto");
    assertEquals(0, auto.code(), auto.toString());
    assertTrue(auto.out().contains("| db | dev | planned | 1 statement |"), auto.out());
  }

  private static void write(Path repo, String path, String text) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
