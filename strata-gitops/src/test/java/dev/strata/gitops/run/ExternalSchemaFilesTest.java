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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema files outside the project directory ({@code src = "file://../shared/schema.hcl"}, a
 * directory, several files): read from the head commit's objects, and changes to them mark the
 * project as affected unless its {@code file_patterns} say otherwise.
 */
class ExternalSchemaFilesTest {
  @TempDir Path tmp;
  private Path db;
  private TestRepo repo;

  private static final String SCHEMA = "schema \"main\" {\n}\n";

  /** V1's users table without its schema block, for a second file. */
  private static final String USERS_TABLE = Fixtures.V1.substring(Fixtures.V1.indexOf("table"));

  private static String project(String src) {
    return "env \"dev\" {\n  url = getenv(\"DEV_DATABASE_URL\")\n  src = " + src + "\n}\n";
  }

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    repo = TestRepo.init(tmp.resolve("repo"));
  }

  private Gitops open() {
    return Gitops.open(
        repo.dir(),
        Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "bob"),
        PullRequests.NONE,
        null);
  }

  @Test
  void aSharedFileIsReadFromTheHeadCommitAndItsChangesAffectTheProject() throws Exception {
    repo.write(".strata/config.yml", Fixtures.CONFIG)
        .write("db/strata.hcl", project("\"file://../shared/schema.hcl\""))
        .write("shared/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
    repo.branch("pr").write("shared/schema.hcl", Fixtures.V1).commit("users, outside db/");
    // The work tree holds something else that was never committed: it must not be planned.
    repo.write("shared/schema.hcl", Fixtures.V2);
    try (Gitops g = open()) {
      RunReport plan = g.plan("main", "pr", 1);
      EnvResult r = only(plan);
      assertEquals("db", r.project());
      assertEquals(Status.PLANNED, r.status(), r.message());
      String sql = String.join("\n", r.plan().statements().stream().map(s -> s.sql()).toList());
      assertTrue(sql.contains("CREATE TABLE") && sql.contains("is_admin"), sql);
      assertTrue(!sql.contains("last_login"), "the uncommitted work tree was read: " + sql);
      assertEquals(
          Status.APPLIED, only(g.apply(new ApplyRun.Request(1, null, null, List.of()))).status());
    }
    assertEquals(List.of("id", "name", "is_admin"), Sqlite.columns(db, "users"));
  }

  @Test
  void aDirectoryAndSeveralFilesOutsideTheProject() throws Exception {
    repo.write(".strata/config.yml", Fixtures.CONFIG)
        .write(
            "db/strata.hcl",
            project("[\"file://../shared/base.hcl\", \"file://../shared/tables/\"]"))
        .write("shared/base.hcl", SCHEMA)
        .write("shared/tables/README.hcl", "")
        .write("other/notes.txt", "x\n")
        .commit("initial");
    repo.branch("unrelated").write("other/notes.txt", "y\n").commit("not a schema file");
    repo.checkout("main")
        .branch("pr")
        .write("shared/tables/users.hcl", USERS_TABLE)
        .commit("users");
    try (Gitops g = open()) {
      assertEquals(List.of(), g.plan("main", "unrelated", 2).results());
      EnvResult r = only(g.plan("main", "pr", 3));
      assertEquals(Status.PLANNED, r.status(), r.message());
      assertEquals(1, r.plan().statements().size(), r.plan().statements().toString());
      assertTrue(r.plan().statements().get(0).sql().contains("CREATE TABLE"));
    }
  }

  @Test
  void explicitFilePatternsAreTakenAsWritten() throws Exception {
    repo.write(
            ".strata/config.yml",
            "projects:\n  - dir: db\n    when_modified:\n      file_patterns: [\"${DIR}/*.hcl\"]\n")
        .write("db/strata.hcl", project("\"file://../shared/schema.hcl\""))
        .write("shared/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
    repo.branch("pr").write("shared/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      RunReport plan = g.plan("main", "pr", 4);
      assertEquals(List.of(), plan.results());
      assertTrue(plan.notes().get(0).contains("No project is affected"), plan.notes().toString());
    }
  }

  @Test
  void referencesOutsideTheRepositoryOrNotCommittedAreErrors() throws Exception {
    repo.write(".strata/config.yml", Fixtures.CONFIG)
        .write("db/strata.hcl", project("\"file://../../elsewhere/schema.hcl\""))
        .write("app/strata.hcl", project("\"file://../shared/missing.hcl\""))
        .commit("initial");
    repo.branch("pr").write("db/README.md", "x\n").write("app/README.md", "x\n").commit("touch");
    try (Gitops g = open()) {
      RunReport plan = g.plan("main", "pr", 5);
      assertEquals(2, plan.results().size(), plan.results().toString());
      for (EnvResult r : plan.results()) {
        assertEquals(Status.ERROR, r.status());
      }
      String all = plan.results().toString();
      assertTrue(
          all.contains(
              "db/strata.hcl: env \"dev\": src names a path outside the repository"
                  + " (../../elsewhere/schema.hcl)"),
          all);
      assertTrue(
          all.contains(
              "app/strata.hcl: env \"dev\": src names shared/missing.hcl, which is not in"
                  + " commit"),
          all);
    }
  }
}
