package dev.strata.gitops.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario on PostgreSQL: the environment's database and the state store (runs, plans,
 * locks, audit) are both uniquely named databases on the local server, dropped afterwards. Three
 * pull requests — create users; add created_at and last_login; revert (blocked until allowed) — are
 * planned, merged and applied, with rows kept.
 */
class SeedScenarioPostgresTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String target = "strata_seed_" + suffix;
  private final String store = "strata_state_" + suffix;

  @TempDir Path tmp;

  @BeforeEach
  void createDatabases() throws Exception {
    exec(ADMIN, "CREATE DATABASE " + target);
    exec(ADMIN, "CREATE DATABASE " + store);
  }

  @AfterEach
  void dropDatabases() throws Exception {
    exec(ADMIN, "DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
    exec(ADMIN, "DROP DATABASE IF EXISTS " + store + " WITH (FORCE)");
  }

  private static String pg(String text) {
    return text.replace("schema \"main\"", "schema \"public\"")
        .replace("schema.main", "schema.public");
  }

  @Test
  void threePullRequestsOnPostgres() throws Exception {
    Map<String, String> env =
        Map.of(
            "DEV_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/" + target,
            "STORE_URL", "postgres://postgres@127.0.0.1:5432/" + store,
            "STRATA_ACTOR", "alice");
    String jdbc = "jdbc:postgresql://127.0.0.1:5432/" + target + "?user=postgres";
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write(".strata/config.yml", "autoapply: true\nstorage:\n  url: ${STORE_URL}\n")
          .write("db/strata.hcl", Fixtures.PROJECT)
          .write("db/schema.hcl", pg(Fixtures.EMPTY))
          .commit("initial");

      repo.branch("pr1").write("db/schema.hcl", pg(Fixtures.V1)).commit("create users");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport plan = g.plan("main", "pr1", 1);
        assertEquals(Status.PLANNED, only(plan).status(), only(plan).message());
        String md = MarkdownReport.render(plan);
        assertTrue(md.contains("CREATE TABLE public.users"), md);
        assertTrue(md.contains("| db | dev | planned | 1 statement | ✅ clean |"), md);
        assertTrue(md.contains("<details><summary>Reverse plan (to undo)</summary>"), md);
        assertTrue(md.contains("DROP TABLE public.users;"), md);
        assertEquals(1, g.store().locks().size(), "PR 1 holds dev in the PostgreSQL store");
      }
      String m1 = repo.merge("pr1");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        EnvResult r = only(g.apply(new ApplyRun.Request(0, m1, null, List.of())));
        assertEquals(Status.APPLIED, r.status(), r.message());
      }
      assertEquals(List.of("id", "name", "is_admin"), columns(jdbc));
      exec(jdbc, "INSERT INTO users (id, name) VALUES (gen_random_uuid(), 'Ada')");

      repo.branch("pr2").write("db/schema.hcl", pg(Fixtures.V2)).commit("add timestamps");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        assertEquals(Status.PLANNED, only(g.plan("main", "pr2", 2)).status());
      }
      String m2 = repo.merge("pr2");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        EnvResult r = only(g.apply(new ApplyRun.Request(0, m2, null, List.of())));
        assertEquals(Status.APPLIED, r.status(), r.message());
      }
      assertEquals(List.of("id", "name", "is_admin", "created_at", "last_login"), columns(jdbc));

      repo.branch("pr3").write("db/schema.hcl", pg(Fixtures.V1)).commit("revert timestamps");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport plan = g.plan("main", "pr3", 3);
        assertEquals(Status.BLOCKED, only(plan).status());
        String md = MarkdownReport.render(plan);
        assertTrue(md.contains("| db | dev | blocked by policy | 2 statements | ⛔ DS103 |"), md);
        assertTrue(md.contains("ALTER TABLE public.users DROP COLUMN created_at"), md);
        assertTrue(md.contains("| error | `DS103` |"), md);
      }
      String m3 = repo.merge("pr3");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        assertEquals(
            Status.BLOCKED, only(g.apply(new ApplyRun.Request(0, m3, null, List.of()))).status());
        EnvResult r = only(g.apply(new ApplyRun.Request(0, m3, null, List.of("destructive"))));
        assertEquals(Status.APPLIED, r.status(), r.message());
        assertEquals(List.of(), g.store().locks());
      }
      assertEquals(List.of("id", "name", "is_admin"), columns(jdbc));
      assertEquals(List.of("Ada"), rows(jdbc, "SELECT name FROM users"));
    }
  }

  private static EnvResult only(RunReport report) {
    assertEquals(1, report.results().size(), report.toString());
    return report.results().get(0);
  }

  private static List<String> columns(String jdbc) throws Exception {
    return rows(
        jdbc,
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
            + " AND table_name = 'users' ORDER BY ordinal_position");
  }

  private static List<String> rows(String jdbc, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void exec(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
