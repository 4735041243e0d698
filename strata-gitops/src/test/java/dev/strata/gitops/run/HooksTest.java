package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks on a real repository and SQLite file: every documented context variable reaches the
 * commands with its value, and a failing before-apply hook (a backup that did not happen) stops its
 * environment before anything is applied, with the hook's output and exit code in the report.
 */
class HooksTest {
  @TempDir Path tmp;
  private Path db;
  private TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    repo = TestRepo.init(tmp.resolve("repo"));
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  private Gitops open() {
    return Gitops.open(
        repo.dir(),
        Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "finn"),
        PullRequests.NONE,
        null);
  }

  @Test
  void hooksSeeTheRunsContext() throws Exception {
    String base =
        repo.write(
                ".strata/config.yml",
                """
                hooks:
                  plan:
                    before: ['echo "B $STRATA_COMMAND $STRATA_STAGE $STRATA_PROJECT $STRATA_DIR\
                 $STRATA_ENV $STRATA_PR $STRATA_BASE $STRATA_HEAD"']
                    after: ['echo "A $STRATA_STAGE $STRATA_STATUS $STRATA_PLAN_ID"']
                """)
            .write("db/strata.hcl", Fixtures.PROJECT)
            .write("db/schema.hcl", Fixtures.EMPTY)
            .commit("initial");
    String head = repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      EnvResult r = only(g.plan("main", "pr", 4));
      assertEquals(Status.PLANNED, r.status(), r.message());
      String hooks = String.join("\n", r.hooks());
      assertTrue(
          hooks.contains("B plan before db db dev 4 " + base + " " + head + "\n"), "got: " + hooks);
      assertTrue(hooks.contains("A after planned " + r.planId()), "got: " + hooks);
    }
  }

  @Test
  void aFailingBeforeApplyHookStopsTheEnvironment() throws Exception {
    repo.write(
            ".strata/config.yml",
            """
            hooks:
              apply:
                before: ["echo backup of $STRATA_ENV failed >&2; exit 3"]
            """)
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open()) {
      assertEquals(Status.PLANNED, only(g.plan("main", "pr", 6)).status());
      RunReport apply = g.apply(new ApplyRun.Request(6, null, null, List.of()));
      EnvResult r = only(apply);
      assertEquals(Status.ERROR, r.status(), r.message());
      assertTrue(r.message().contains("before-apply hook failed"), r.message());
      assertEquals(1, apply.exitCode());
      assertEquals(List.of(), Sqlite.columns(db, "users"), "nothing applied");
      String md = MarkdownReport.render(apply);
      assertTrue(md.contains("backup of dev failed"), md);
      assertTrue(md.contains("(exit 3)"), md);
    }
  }
}
