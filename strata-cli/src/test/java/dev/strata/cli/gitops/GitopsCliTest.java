package dev.strata.cli.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata gitops} through the real CLI on a real repository: plan writes report.md and
 * report.json, status shows the lock, apply after merge changes the database, drift exits 1 after a
 * manual change, and bad usage exits 2. The project's SQLite URL is relative: it names the file in
 * the work tree, not a scratch copy.
 */
class GitopsCliTest {
  @TempDir Path tmp;

  private static final String USERS =
      """
      schema "main" {
      }
      table "users" {
        schema = schema.main
        column "id" {
          type = integer
        }
        primary_key {
          columns = [column.id]
        }
      }
      """;

  @Test
  void planMergeApplyDriftThroughTheCli() throws Exception {
    Path repo = tmp.resolve("repo");
    PersonIdent who = new PersonIdent("T", "t@example.com");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write(repo, ".strata/config.yml", "autoapply: true\n");
      write(repo, ".gitignore", "*.db\n");
      write(
          repo,
          "db/strata.hcl",
          "env \"dev\" {\n  url = \"sqlite://dev.db\"\n  src = \"file://schema.hcl\"\n}\n");
      write(repo, "db/schema.hcl", "schema \"main\" {\n}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial").setAuthor(who).setCommitter(who).call();
      git.checkout().setCreateBranch(true).setName("pr1").call();
      write(repo, "db/schema.hcl", USERS);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("users").setAuthor(who).setCommitter(who).call();

      String r = repo.toString();
      Path out = tmp.resolve("report");
      Cli plan =
          Cli.run(
              "gitops",
              "plan",
              "--repo",
              r,
              "--base",
              "main",
              "--head",
              "pr1",
              "--pr",
              "1",
              "--out",
              out.toString());
      assertEquals(0, plan.code(), plan.toString());
      String md = Files.readString(out.resolve("report.md"));
      assertTrue(md.contains("| db | dev | planned | 1 statement |"), md);
      assertTrue(Files.readString(out.resolve("report.json")).contains("\"status\": \"planned\""));

      Cli status = Cli.run("gitops", "status", "--repo", r, "--pr", "1");
      assertTrue(status.out().contains("db/dev  held by PR #1"), status.toString());

      git.checkout().setName("main").call();
      git.merge()
          .include(git.getRepository().resolve("pr1"))
          .setFastForward(MergeCommand.FastForwardMode.NO_FF)
          .setMessage("merge")
          .call();
      Cli apply = Cli.run("gitops", "apply", "--repo", r, "--commit", "main");
      assertEquals(0, apply.code(), apply.toString());
      assertTrue(apply.out().contains("| db | dev | applied |"), apply.out());
      assertTrue(Files.exists(repo.resolve("db/dev.db")), "the work tree's database was changed");

      assertEquals(0, Cli.run("gitops", "drift", "--repo", r).code());
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + repo.resolve("db/dev.db"));
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE extra (id integer)");
      }
      Cli drift = Cli.run("gitops", "drift", "--repo", r);
      assertEquals(1, drift.code(), drift.toString());
      assertTrue(drift.out().contains("table extra was"), drift.out());

      assertEquals(2, Cli.run("gitops", "apply", "--repo", r).code());
      assertEquals(2, Cli.run("gitops", "unlock", "--repo", r).code());
      assertEquals(0, Cli.run("gitops", "unlock", "--repo", r, "--pr", "1").code());
    }
  }

  private static void write(Path repo, String path, String text) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
