package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcEventQueueTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  private JdbcEventQueue sqlite() {
    return new JdbcEventQueue(ConnectionSource.of("sqlite://" + dir.resolve("q.db")), clock);
  }

  private static QueuedEvent claim(EventQueue q, String owner) {
    return q.claim(owner, LEASE).orElseThrow();
  }

  @Test
  void oneKeyInOrderDifferentKeysInParallel() {
    JdbcEventQueue q = sqlite();
    assertTrue(q.enqueue("d1", "pull_request", "o/r#1", "{}"));
    assertTrue(q.enqueue("d2", "pull_request", "o/r#1", "{}"));
    assertTrue(q.enqueue("d3", "pull_request", "o/r#2", "{}"));
    assertFalse(q.enqueue("d1", "pull_request", "o/r#1", "{}"), "duplicate delivery");

    QueuedEvent first = claim(q, "a");
    assertEquals("d1", first.deliveryId());
    assertEquals(1, first.attempt());
    QueuedEvent other = claim(q, "b");
    assertEquals("d3", other.deliveryId(), "d2 waits behind d1 of the same pull request");
    assertEquals(Optional.empty(), q.claim("c", LEASE));
    assertTrue(q.complete(first));
    assertEquals("d2", claim(q, "c").deliveryId());
    assertEquals(new EventQueue.Stats(0, 2, 1, 0), q.stats());
  }

  @Test
  void expiredLeaseIsReclaimedAndTheOldOwnerIsFencedOff() {
    JdbcEventQueue q = sqlite();
    q.enqueue("d1", "push", "o/r@main", "{}");
    q.enqueue("d2", "push", "o/r@main", "{}");
    QueuedEvent crashed = claim(q, "dead-process");
    clock.advance(LEASE.minusSeconds(1));
    assertEquals(Optional.empty(), q.claim("b", LEASE), "the lease still holds");
    clock.advance(Duration.ofSeconds(2));
    QueuedEvent again = claim(q, "b");
    assertEquals("d1", again.deliveryId(), "the same event, still before d2");
    assertEquals(2, again.attempt());
    assertFalse(q.complete(crashed));
    assertFalse(q.renew(crashed, LEASE));
    assertTrue(q.renew(again, LEASE));
    assertTrue(q.complete(again));
  }

  @Test
  void failuresRetryAfterBackoffThenFailForGood() {
    JdbcEventQueue q = sqlite();
    q.enqueue("d1", "push", "k", "{}");
    QueuedEvent e = claim(q, "a");
    assertTrue(q.fail(e, "github: 502", Duration.ofSeconds(10), 2));
    assertEquals(Optional.empty(), q.claim("a", LEASE));
    clock.advance(Duration.ofSeconds(11));
    QueuedEvent retry = claim(q, "a");
    assertEquals(2, retry.attempt());
    assertTrue(q.fail(retry, "github: 502", Duration.ofSeconds(10), 2));
    clock.advance(Duration.ofSeconds(11));
    assertEquals(Optional.empty(), q.claim("a", LEASE));
    assertEquals(new EventQueue.Stats(0, 0, 0, 1), q.stats());
    q.enqueue("d2", "push", "k", "{}");
    assertEquals("d2", claim(q, "a").deliveryId(), "a failed event no longer blocks its key");
  }

  @Test
  void sqliteThreadsProcessEachEventOnce() throws Exception {
    JdbcEventQueue q = new JdbcEventQueue(ConnectionSource.of("sqlite://" + dir.resolve("t.db")));
    exactlyOnce(List.of(q, q, q, q), 60);
  }

  @Test
  void twoProcessesOnOnePostgresStoreProcessEachEventOnce() throws Exception {
    try (PgDatabase pg = new PgDatabase()) {
      List<EventQueue> queues = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        // one queue object per simulated process, each with its own connections
        queues.add(new JdbcEventQueue(ConnectionSource.of(pg.url())));
      }
      exactlyOnce(queues, 120);
    }
  }

  /**
   * Workers on {@code queues} drain {@code n} events over 6 keys; each event is completed exactly
   * once and events of one key complete in order.
   */
  private static void exactlyOnce(List<EventQueue> queues, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      queues.get(0).enqueue("d" + i, "pull_request", "o/r#" + (i % 6), String.valueOf(i));
    }
    ConcurrentHashMap<String, Integer> done = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(queues.size());
    CountDownLatch finished = new CountDownLatch(queues.size());
    for (int w = 0; w < queues.size(); w++) {
      EventQueue q = queues.get(w);
      String owner = "worker-" + w;
      pool.submit(
          () -> {
            try {
              while (done.size() < n) {
                Optional<QueuedEvent> e = q.claim(owner, LEASE);
                if (e.isEmpty()) {
                  Thread.sleep(5);
                  continue;
                }
                order.add(e.get().orderingKey() + "=" + e.get().payload());
                done.merge(e.get().deliveryId(), 1, Integer::sum);
                assertTrue(q.complete(e.get()));
              }
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            } finally {
              finished.countDown();
            }
            return null;
          });
    }
    assertTrue(finished.await(120, TimeUnit.SECONDS));
    pool.shutdownNow();
    assertEquals(n, done.size());
    assertTrue(done.values().stream().allMatch(c -> c == 1), done.toString());
    ConcurrentHashMap<String, Integer> last = new ConcurrentHashMap<>();
    for (String entry : order) {
      String[] kv = entry.split("=");
      int seq = Integer.parseInt(kv[1]);
      Integer prev = last.put(kv[0], seq);
      assertTrue(prev == null || prev < seq, "out of order for " + kv[0] + ": " + order);
    }
    assertEquals(new EventQueue.Stats(0, 0, n, 0), queues.get(0).stats());
  }
}
