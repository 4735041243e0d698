package dev.strata.cli.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Cli;
import dev.strata.cli.server.ServerCommand;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drift.schedule} from the outside: {@code strata gitops drift --scheduled} as a cron job
 * (checks only when due, exit 1 on drift), and {@code strata server} with {@code
 * STRATA_DRIFT_REPOS} recording drift of a database changed by hand without any command.
 */
class DriftScheduleCliTest {
  @TempDir Path tmp;

  /** A repository whose one project's SQLite database is {@code db/dev.db} in the work tree. */
  private Path repo() throws Exception {
    Path repo = tmp.resolve("repo");
    PersonIdent who = new PersonIdent("T", "t@example.com");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write(repo, ".strata/config.yml", "drift:\n  schedule: 1s\n");
      write(repo, ".gitignore", "*.db\n");
      write(
          repo,
          "db/strata.hcl",
          "env \"dev\" {\n  url = \"sqlite://dev.db\"\n  src = \"file://schema.hcl\"\n}\n");
      write(repo, "db/schema.hcl", "schema \"main\" {\n}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial").setAuthor(who).setCommitter(who).call();
    }
    return repo;
  }

  private static void handChange(Path repo) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + repo.resolve("db/dev.db"));
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE extra (id integer)");
    }
  }

  @Test
  void driftScheduledChecksOnlyWhenDueAndExitsOneOnDrift() throws Exception {
    Path repo = repo();
    String r = repo.toString();
    Cli first = Cli.run("gitops", "drift", "--repo", r, "--scheduled");
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.err().contains("Schedule recorded"), first.err());
    Cli early = Cli.run("gitops", "drift", "--repo", r, "--scheduled");
    assertEquals(0, early.code(), early.toString());
    assertTrue(early.err().contains("Not due: the next scheduled check is at"), early.err());
    assertEquals("", early.out());

    Thread.sleep(1100);
    Cli clean = Cli.run("gitops", "drift", "--repo", r, "--scheduled");
    assertEquals(0, clean.code(), clean.toString());
    assertTrue(clean.out().contains("in sync"), clean.out());

    handChange(repo);
    Thread.sleep(1100);
    Cli drift = Cli.run("gitops", "drift", "--repo", r, "--scheduled");
    assertEquals(1, drift.code(), drift.toString());
    assertTrue(drift.out().contains("table extra was"), drift.out());

    try (StateStore st = Stores.open("sqlite://" + repo.resolve(".git/strata/state.db"))) {
      List<AuditEntry> scheduled =
          st.audit(100).stream().filter(a -> a.action().equals("schedule")).toList();
      assertEquals(2, scheduled.size(), scheduled.toString());
      assertTrue(scheduled.get(0).detail().endsWith(": drift"), scheduled.toString());
      assertTrue(scheduled.get(1).detail().endsWith(": ok"), scheduled.toString());
    }
  }

  @Test
  void theServerRecordsDriftOnItsOwnSchedule() throws Exception {
    Path repo = repo();
    String state = "sqlite://" + tmp.resolve("state.db");
    Map<String, String> env =
        Map.of(
            "STRATA_WEBHOOK_SECRET",
            "whsec-drift-81",
            "STRATA_GITHUB_TOKEN",
            "ghp_drift_82",
            "STRATA_STORE_URL",
            "sqlite://" + tmp.resolve("server.db"),
            "STRATA_STATE_URL",
            state,
            "STRATA_CACHE_DIR",
            tmp.resolve("cache").toString(),
            "STRATA_DRIFT_REPOS",
            repo.toString(),
            "STRATA_DRIFT_POLL",
            "1s");
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    CountDownLatch stop = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    Thread server =
        new Thread(
            () -> {
              try {
                ServerCommand.serve(env, "127.0.0.1", 0, out, stop);
              } catch (Throwable e) {
                failure[0] = e;
              }
            });
    server.start();
    try {
      RunRecord clean = waitForRun(state, r -> true, failure);
      assertEquals("ok", clean.status(), clean.summary());
      handChange(repo);
      RunRecord drift = waitForRun(state, r -> r.status().equals("drift"), failure);
      assertEquals("drift-schedule", drift.actor());
      assertTrue(drift.summary().contains("drift"), drift.summary());
    } finally {
      stop.countDown();
      server.join(30_000);
    }
    assertFalse(server.isAlive());
    assertTrue(
        text.toString().contains("drift check of " + repo + ": drift found"), text.toString());
    assertFalse(text.toString().contains("ghp_drift_82"), text.toString());
  }

  @Test
  void theServerFetchesRemoteRepositoriesBeforeEachCheck() throws Exception {
    Path remote = tmp.resolve("remotes/acme/app.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    Path work = tmp.resolve("work");
    Path db = tmp.resolve("app.db");
    PersonIdent who = new PersonIdent("T", "t@example.com");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      write(work, ".strata/config.yml", "drift:\n  schedule: 1s\n");
      write(
          work,
          "db/strata.hcl",
          "env \"dev\" {\n  url = getenv(\"APP_DB\")\n  src = \"file://schema.hcl\"\n}\n");
      write(work, "db/schema.hcl", "schema \"main\" {\n}\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("initial").setAuthor(who).setCommitter(who).call();
      git.push().setRemote(remote.toUri().toString()).add("main").call();

      String state = "sqlite://" + tmp.resolve("state.db");
      Map<String, String> env =
          Map.of(
              "STRATA_WEBHOOK_SECRET",
              "whsec-drift-83",
              "STRATA_GITHUB_TOKEN",
              "ghp_drift_84",
              "STRATA_STORE_URL",
              "sqlite://" + tmp.resolve("server.db"),
              "STRATA_STATE_URL",
              state,
              "STRATA_CACHE_DIR",
              tmp.resolve("cache").toString(),
              "STRATA_GITHUB_GIT_URL",
              tmp.resolve("remotes").toUri().toString(),
              "STRATA_DRIFT_REPOS",
              "acme/app@main",
              "STRATA_DRIFT_POLL",
              "1s",
              "APP_DB",
              "sqlite://" + db);
      StringWriter text = new StringWriter();
      CountDownLatch stop = new CountDownLatch(1);
      Throwable[] failure = new Throwable[1];
      Thread server =
          new Thread(
              () -> {
                try {
                  ServerCommand.serve(env, "127.0.0.1", 0, new PrintWriter(text, true), stop);
                } catch (Throwable e) {
                  failure[0] = e;
                }
              });
      server.start();
      try {
        assertEquals("ok", waitForRun(state, r -> true, failure).status(), text.toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
            Statement st = c.createStatement()) {
          st.execute("CREATE TABLE extra (id integer)");
        }
        RunRecord drift = waitForRun(state, r -> r.status().equals("drift"), failure);
        // The team adopts the change on main: the next scheduled check fetches it and is clean.
        write(
            work,
            "db/schema.hcl",
            "schema \"main\" {\n}\ntable \"extra\" {\n  schema = schema.main\n"
                + "  column \"id\" {\n    type = integer\n    null = true\n  }\n}\n");
        git.add().addFilepattern(".").call();
        git.commit().setMessage("adopt extra").setAuthor(who).setCommitter(who).call();
        git.push().setRemote(remote.toUri().toString()).add("main").call();
        RunRecord adopted =
            waitForRun(
                state,
                r -> r.status().equals("ok") && r.startedAt().compareTo(drift.finishedAt()) > 0,
                failure);
        assertTrue(adopted.summary() != null, text.toString());
      } finally {
        stop.countDown();
        server.join(30_000);
      }
      assertTrue(text.toString().contains("drift check of acme/app: drift found"), text.toString());
      assertFalse(text.toString().contains("ghp_drift_84"), text.toString());
    }
  }

  private static RunRecord waitForRun(
      String state, java.util.function.Predicate<RunRecord> p, Throwable[] failure)
      throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && failure[0] == null) {
      if (Files.exists(Path.of(state.substring("sqlite://".length())))) {
        try (StateStore st = Stores.open(state)) {
          for (RunRecord r : st.runs(50)) {
            if (r.kind().equals("drift") && r.finishedAt() != null && p.test(r)) {
              return r;
            }
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no matching drift run within 60s", failure[0]);
  }

  private static void write(Path repo, String path, String text) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
