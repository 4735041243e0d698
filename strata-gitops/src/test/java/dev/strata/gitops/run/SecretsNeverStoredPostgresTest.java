package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.JsonReport;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.nio.file.Files;
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
 * Secrets with a PostgreSQL state store, as the issue asks: the store URL is {@code
 * ${STORE_PASSWORD}} in the config and the target URL comes from {@code getenv()}; both passwords
 * reach the connections and the hooks at run time, yet after plan, apply, a re-plan, drift and a
 * failed connection no report and no row of the state store (nor the target's revision log) holds
 * either of them, while the URLs that are shown appear masked. The server trusts local connections,
 * so any password connects.
 */
class SecretsNeverStoredPostgresTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String target = "strata_sec_t_" + suffix;
  private final String storeDb = "strata_sec_s_" + suffix;
  private final String targetPw = "TargetPw" + suffix;
  private final String storePw = "StorePw" + suffix;

  @TempDir Path tmp;

  @BeforeEach
  void createDatabases() throws Exception {
    exec(ADMIN, "CREATE DATABASE " + target);
    exec(ADMIN, "CREATE DATABASE " + storeDb);
  }

  @AfterEach
  void dropDatabases() throws Exception {
    exec(ADMIN, "DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
    exec(ADMIN, "DROP DATABASE IF EXISTS " + storeDb + " WITH (FORCE)");
  }

  private static String pg(String text) {
    return text.replace("schema \"main\"", "schema \"public\"")
        .replace("schema.main", "schema.public");
  }

  @Test
  void passwordsReachConnectionsAndHooksButNeverTheStoreOrTheReports() throws Exception {
    Path hookLog = tmp.resolve("hook.log");
    Map<String, String> env =
        Map.of(
            "DEV_DATABASE_URL",
            "postgres://postgres:" + targetPw + "@127.0.0.1:5432/" + target,
            "STORE_PASSWORD",
            storePw,
            "HOOK_LOG",
            hookLog.toString(),
            "STRATA_ACTOR",
            "dana");
    String config =
        "autoapply: true\n"
            + "storage:\n"
            + "  url: postgres://postgres:${STORE_PASSWORD}@127.0.0.1:5432/"
            + storeDb
            + "\n"
            + "hooks:\n"
            + "  plan:\n"
            + "    after: ['echo \"$DEV_DATABASE_URL\" >> \"$HOOK_LOG\"; echo \"url"
            + " $DEV_DATABASE_URL\"']\n"
            + "  apply:\n"
            + "    before: ['echo \"before apply $DEV_DATABASE_URL\"']\n";
    List<String> shown = new ArrayList<>();
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      repo.write(".strata/config.yml", config)
          .write("db/strata.hcl", Fixtures.PROJECT)
          .write("db/schema.hcl", pg(Fixtures.EMPTY))
          .commit("initial");
      repo.branch("pr1").write("db/schema.hcl", pg(Fixtures.V1)).commit("create users");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport plan = g.plan("main", "pr1", 1);
        assertEquals(Status.PLANNED, only(plan).status(), only(plan).message());
        shown.add(MarkdownReport.render(plan) + JsonReport.render(plan));
        // A hand-made change between plan and apply: re-planned, not applied.
        exec(jdbc(target), "CREATE TABLE hand (id integer)");
        RunReport replan = g.apply(new ApplyRun.Request(1, null, null, List.of()));
        assertEquals(Status.REPLANNED, only(replan).status(), only(replan).message());
        shown.add(MarkdownReport.render(replan) + JsonReport.render(replan));
        exec(jdbc(target), "DROP TABLE hand");
        assertEquals(Status.PLANNED, only(g.plan("main", "pr1", 1)).status());
      }
      String merge = repo.merge("pr1");
      try (Gitops g = Gitops.open(repo.dir(), env, PullRequests.NONE, null)) {
        RunReport apply = g.apply(new ApplyRun.Request(0, merge, null, List.of()));
        assertEquals(Status.APPLIED, only(apply).status(), only(apply).message());
        shown.add(MarkdownReport.render(apply) + JsonReport.render(apply));
        exec(jdbc(target), "ALTER TABLE users ADD COLUMN nickname text");
        RunReport drift = g.drift(null);
        assertEquals(Status.DRIFT, only(drift).status(), only(drift).message());
        shown.add(MarkdownReport.render(drift) + JsonReport.render(drift));
      }
      // A database that cannot be reached: the error names the URL, masked.
      Map<String, String> down = new java.util.HashMap<>(env);
      down.put("DEV_DATABASE_URL", "postgres://postgres:" + targetPw + "@127.0.0.1:1/" + target);
      try (Gitops g = Gitops.open(repo.dir(), down, PullRequests.NONE, null)) {
        RunReport failed = g.drift(null);
        assertEquals(Status.ERROR, only(failed).status(), failed.toString());
        shown.add(MarkdownReport.render(failed) + JsonReport.render(failed));
      }
    }
    String reports = String.join("\n", shown);
    assertTrue(reports.contains("postgres://postgres:****@127.0.0.1:5432/" + target), reports);
    assertTrue(reports.contains("url postgres://postgres:****@"), "hook output is masked");
    assertTrue(reports.contains("before apply postgres://postgres:****@"), reports);
    assertFalse(reports.contains(targetPw), reports);
    assertFalse(reports.contains(storePw), reports);
    assertTrue(
        Files.readString(hookLog).contains(targetPw),
        "the hook itself received the resolved URL at run time");

    List<String> stored = allText(jdbc(storeDb), "strata_gitops_%");
    assertTrue(stored.size() > 20, "the store holds the runs, plans, locks and audit log");
    assertTrue(stored.stream().anyMatch(v -> v.contains(":****@")), "URLs are stored masked");
    for (String v : stored) {
      assertFalse(v.contains(targetPw) || v.contains(storePw), v);
    }
    for (String v : allText(jdbc(target), "strata_%")) {
      assertFalse(v.contains(targetPw) || v.contains(storePw), v);
    }
  }

  private static String jdbc(String db) {
    return "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres";
  }

  /** Every non-null value of every column of the tables matching {@code like}, as text. */
  private static List<String> allText(String jdbc, String like) throws Exception {
    List<String> tables = new ArrayList<>();
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                  + " WHERE table_name LIKE '"
                  + like
                  + "'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertFalse(tables.isEmpty(), "no table like " + like);
      for (String t : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              String v = rs.getString(i);
              if (v != null) {
                out.add(t + ": " + v);
              }
            }
          }
        }
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
