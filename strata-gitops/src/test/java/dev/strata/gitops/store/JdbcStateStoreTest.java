package dev.strata.gitops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite state store: locks are exclusive even when runners race from separate connections. */
class JdbcStateStoreTest {
  @TempDir Path tmp;

  @Test
  void racingRunnersNeverBothHoldALock() throws Exception {
    String url = "sqlite://" + tmp.resolve("state.db");
    Stores.open(url).close();
    int runners = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(runners);
    try {
      List<Future<LockResult>> results = new ArrayList<>();
      for (int i = 1; i <= runners; i++) {
        int pr = i;
        results.add(
            pool.submit(
                () -> {
                  try (JdbcStateStore s = Stores.open(url)) {
                    start.await();
                    return s.lock("db", "prod", pr, "c" + pr, "runner" + pr);
                  }
                }));
      }
      start.countDown();
      int acquired = 0;
      int winner = 0;
      List<LockResult> all = new ArrayList<>();
      for (Future<LockResult> f : results) {
        LockResult r = f.get();
        all.add(r);
        if (r instanceof LockResult.Acquired a) {
          acquired++;
          winner = a.lock().pr();
        }
      }
      assertEquals(1, acquired, all.toString());
      for (LockResult r : all) {
        if (r instanceof LockResult.HeldBy h) {
          assertEquals(winner, h.lock().pr(), "every loser is told who won");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void locksAreReentrantAndReleasable() {
    try (JdbcStateStore s = Stores.open("sqlite://" + tmp.resolve("s.db"))) {
      assertInstanceOf(LockResult.Acquired.class, s.lock("db", "dev", 1, "abc", "a"));
      assertInstanceOf(LockResult.Acquired.class, s.lock("db", "dev", 1, "def", "a"));
      LockResult other = s.lock("db", "dev", 2, "fff", "b");
      String held = ((LockResult.HeldBy) other).lock().describe();
      assertTrue(held.startsWith("PR #1 (commit abc, by a, since "), held);
      assertTrue(held.matches(".*since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"), held);
      assertEquals(1, s.unlockPr(1));
      assertInstanceOf(LockResult.Acquired.class, s.lock("db", "dev", 2, "fff", "b"));
      assertTrue(s.unlock("db", "dev"));
      assertEquals(List.of(), s.locks());
    }
  }
}
