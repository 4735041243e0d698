package dev.strata.gitops.run;

import static dev.strata.gitops.run.SeedScenarioTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.gitops.Fixtures;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.run.DriftScheduler.Outcome;
import dev.strata.gitops.run.DriftScheduler.Tick;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drift.schedule} run by {@link DriftScheduler}: a database changed by hand is reported as
 * drift without anyone running a command, and runners sharing a store never check the same due time
 * twice nor while another holds the lease.
 */
class DriftSchedulerTest {
  @TempDir Path tmp;
  private Path db;
  private Map<String, String> env;
  private TestRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("dev.db");
    env = Map.of("DEV_DATABASE_URL", "sqlite://" + db, "STRATA_ACTOR", "scheduler");
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write(".strata/config.yml", "autoapply: true\ndrift:\n  schedule: 1s\n")
        .write("db/strata.hcl", Fixtures.PROJECT)
        .write("db/schema.hcl", Fixtures.EMPTY)
        .commit("initial");
    repo.branch("pr").write("db/schema.hcl", Fixtures.V1).commit("users");
    try (Gitops g = open(null)) {
      g.plan("main", "pr", 1);
      String merge = repo.merge("pr");
      assertEquals(
          Status.APPLIED, only(g.apply(new ApplyRun.Request(0, merge, null, List.of()))).status());
    }
  }

  private Gitops open(String stateUrl) {
    return Gitops.open(repo.dir(), env, PullRequests.NONE, stateUrl);
  }

  @Test
  void aHandMadeChangeIsRecordedAsDriftWithoutAnyCommand() throws Exception {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    String store = "sqlite://" + repo.dir().resolve(".git/strata/state.db");
    try (DriftScheduler s =
        new DriftScheduler(
                List.of(DriftScheduler.local(repo.dir(), env, null)),
                Duration.ofMillis(200),
                Duration.ofMinutes(5),
                "test-runner",
                log::add,
                Clock.systemUTC())
            .start()) {
      RunRecord clean = waitForRun(store, r -> r.kind().equals("drift"));
      assertEquals("ok", clean.status(), clean.summary());
      Sqlite.exec(db.toAbsolutePath(), "ALTER TABLE users ADD COLUMN nickname text");
      RunRecord drift =
          waitForRun(store, r -> r.kind().equals("drift") && r.status().equals("drift"));
      assertEquals("scheduler", drift.actor());
    }
    try (StateStore st = Stores.open(store)) {
      List<AuditEntry> audit = st.audit(200);
      assertTrue(
          audit.stream()
              .anyMatch(
                  a ->
                      a.action().equals("drift")
                          && a.detail().contains("table users gained column nickname")),
          audit.toString());
      assertTrue(
          audit.stream()
              .anyMatch(
                  a ->
                      a.action().equals("schedule")
                          && a.actor().equals("test-runner")
                          && a.detail().contains("(1s)")
                          && a.detail().endsWith(": drift")),
          audit.toString());
    }
    assertTrue(log.stream().anyMatch(l -> l.contains("drift found")), log.toString());
  }

  private static RunRecord waitForRun(String store, Predicate<RunRecord> p) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try (StateStore st = Stores.open(store)) {
        for (RunRecord r : st.runs(50)) {
          if (p.test(r) && r.finishedAt() != null) {
            return r;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching run recorded within 60s");
  }

  @Test
  void runnersSharingAPostgresStoreCheckEachDueTimeOnce() throws Exception {
    String name = "strata_drift_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      assumeTrue(false, "no local PostgreSQL: " + e.getMessage());
    }
    String url = "postgres://postgres@127.0.0.1:5432/" + name;
    try {
      Instant t0 = Instant.now();
      try (Gitops a = open(url)) {
        Tick first = DriftScheduler.runIfDue(a, "repo", "a", Duration.ofMinutes(5), t0);
        assertEquals(Outcome.RECORDED, first.outcome());
        assertEquals(t0.plusSeconds(1), first.nextDue());
        assertEquals(
            Outcome.NOT_DUE,
            DriftScheduler.runIfDue(a, "repo", "a", Duration.ofMinutes(5), t0.plusMillis(500))
                .outcome());
      }
      Sqlite.exec(db.toAbsolutePath(), "ALTER TABLE users ADD COLUMN nickname text");
      // Two runners look at the same due time at once: exactly one runs it.
      Instant later = t0.plusSeconds(5);
      CyclicBarrier together = new CyclicBarrier(2);
      List<Tick> ticks = Collections.synchronizedList(new ArrayList<>());
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (String owner : List.of("a", "b")) {
        Thread t =
            new Thread(
                () -> {
                  try (Gitops g = open(url)) {
                    together.await();
                    ticks.add(
                        DriftScheduler.runIfDue(g, "repo", owner, Duration.ofMinutes(5), later));
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join(60_000);
      }
      assertEquals(List.of(), errors);
      assertEquals(
          1, ticks.stream().filter(t -> t.outcome() == Outcome.RAN).count(), ticks.toString());
      Tick ran = ticks.stream().filter(t -> t.outcome() == Outcome.RAN).findFirst().orElseThrow();
      assertTrue(ran.drifted());
      try (StateStore st = Stores.open(url)) {
        assertEquals(1, st.runs(50).stream().filter(r -> r.kind().equals("drift")).count());
        // A runner holding the lease (still checking) keeps the next due time from running.
        String due = st.schedule("drift repo").orElseThrow().lastDue();
        assertTrue(
            st.claimSchedule(
                "drift repo",
                due,
                due,
                "slow-runner",
                JdbcStateStore.stamp(Instant.now().plusSeconds(3600))));
      }
      try (Gitops b = open(url)) {
        Tick blocked =
            DriftScheduler.runIfDue(b, "repo", "b", Duration.ofMinutes(5), later.plusSeconds(60));
        assertEquals(Outcome.CLAIMED_ELSEWHERE, blocked.outcome());
        assertEquals(1, b.store().runs(50).stream().filter(r -> r.kind().equals("drift")).count());
      }
    } finally {
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }
}
