package dev.strata.gitops.server;

import static dev.strata.gitops.server.StrataServerTest.await;
import static dev.strata.gitops.server.StrataServerTest.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue outlives a server: a process that dies with an event in hand and another still waiting,
 * and several processes sharing one PostgreSQL store.
 */
class ServerDurabilityTest {
  private static final Secret SECRET = Secret.of("test-webhook-secret-5b1f");
  private static final String TOKEN = "ghs_test_installation_token";
  private static final String REPO = "Codertocat/Hello-World";
  private static final Duration LEASE = Duration.ofSeconds(1);

  @TempDir Path dir;
  private FakeGithub github;

  @BeforeEach
  void start() throws Exception {
    github = new FakeGithub().token(TOKEN, "strata-app[bot]");
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private StrataServer server(String store, String id, int parallelism, EventHandler handler)
      throws Exception {
    ServerConfig config =
        ServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET, store)
            .withWorkers(id, parallelism, LEASE, Duration.ofMillis(50));
    return new StrataServer(
            config,
            GithubClients.token(github.apiBase(), Secret.of(TOKEN)),
            handler,
            ServerLog.none())
        .start();
  }

  /** A handler that hangs on its first event, like a process about to be killed. */
  private static final class Hanging implements EventHandler {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void handle(GithubEvent event, EventContext context) throws Exception {
      started.countDown();
      release.await();
    }
  }

  @Test
  void eventsOfADeadServerAreProcessedAfterRestart() throws Exception {
    String store = "sqlite://" + dir.resolve("store.db");
    Hanging hanging = new Hanging();
    StrataServer first = server(store, "first", 1, hanging);
    String opened = Fixtures.read("pull_request/opened.payload.json");
    String push = Fixtures.read("push/with-new-branch.payload.json");
    assertEquals(202, signed(first.port(), "pull_request", "in-hand", opened).statusCode());
    hanging.started.await();
    assertEquals(202, signed(first.port(), "push", "waiting", push).statusCode());
    assertEquals(new EventQueue.Stats(1, 1, 0, 0), first.queue().stats());
    // the process "dies": it stops serving and renewing its lease, its event still in hand
    first.close();

    RecordingHandler handler = new RecordingHandler();
    try (StrataServer second = server(store, "second", 2, handler)) {
      await("both events handled after restart", () -> handler.count() == 2);
      assertEquals(Map.of("in-hand", 1, "waiting", 1), handler.deliveries);
      // the first process wakes up too late: its claim is fenced off
      hanging.release.countDown();
      await("queue drained", () -> second.queue().stats().done() == 2);
      Thread.sleep(200);
      assertEquals(new EventQueue.Stats(0, 0, 2, 0), second.queue().stats());
      assertEquals(1, github.comments(REPO, 2).size());
    }
  }

  /**
   * Watches two servers' work: how many events of one pull request (and in all) are in hand at
   * once.
   */
  private static final class Watching implements EventHandler {
    final RecordingHandler recorded = new RecordingHandler();
    final Map<String, java.util.concurrent.atomic.AtomicInteger> perPull =
        new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger busy =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger mostBusy =
        new java.util.concurrent.atomic.AtomicInteger();
    final List<String> overlaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CountDownLatch allSent = new CountDownLatch(1);

    @Override
    public void handle(GithubEvent event, EventContext context) throws Exception {
      String delivery = context.deliveryId();
      String pull = delivery.substring(0, delivery.indexOf('-'));
      var mine =
          perPull.computeIfAbsent(pull, k -> new java.util.concurrent.atomic.AtomicInteger());
      if (mine.incrementAndGet() > 1) {
        overlaps.add(delivery);
      }
      mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
      try {
        recorded.handle(event, context);
        if (delivery.equals("pr1-0")) {
          // pull request 1's first event lasts until its later events are all queued (and a few
          // polls more), so a queue that let them overtake it would show here
          allSent.await(60, java.util.concurrent.TimeUnit.SECONDS);
          Thread.sleep(300);
        } else {
          Thread.sleep(10);
        }
      } finally {
        busy.decrementAndGet();
        mine.decrementAndGet();
      }
    }
  }

  @Test
  void twoServersOnOnePostgresStoreProcessEachEventOnceInOrder() throws Exception {
    try (PgDatabase pg = new PgDatabase()) {
      Watching watching = new Watching();
      RecordingHandler handler = watching.recorded;
      try (StrataServer a = server(pg.url(), "a", 2, watching);
          StrataServer b = server(pg.url(), "b", 2, watching)) {
        String opened = Fixtures.read("pull_request/opened.payload.json");
        String sync = Fixtures.read("pull_request/synchronize.payload.json");
        List<String> sent = new ArrayList<>();
        int pulls = 5;
        int perPull = 4;
        for (int seq = 0; seq < perPull; seq++) {
          for (int pr = 1; pr <= pulls; pr++) {
            String body =
                (seq == 0 ? opened : sync).replace("\"number\": 2,", "\"number\": " + pr + ",");
            String delivery = "pr" + pr + "-" + seq;
            StrataServer target = sent.size() % 2 == 0 ? a : b;
            assertEquals(202, signed(target.port(), "pull_request", delivery, body).statusCode());
            // a redelivery to the other server is recognised through the shared store
            StrataServer other = target == a ? b : a;
            assertEquals(200, signed(other.port(), "pull_request", delivery, body).statusCode());
            sent.add(delivery);
          }
        }
        watching.allSent.countDown();
        int n = pulls * perPull;
        await("every event handled", () -> handler.count() >= n);
        await("queue drained", () -> a.queue().stats().done() == n);
        Thread.sleep(300);
        assertEquals(n, handler.deliveries.size());
        assertTrue(
            handler.deliveries.values().stream().allMatch(c -> c == 1),
            handler.deliveries.toString());
        Map<String, Integer> last = new HashMap<>();
        for (String d : handler.order) {
          String pr = d.substring(0, d.indexOf('-'));
          int seq = Integer.parseInt(d.substring(d.indexOf('-') + 1));
          Integer prev = last.put(pr, seq);
          assertTrue(prev == null || prev == seq - 1, "out of order: " + handler.order);
        }
        for (int pr = 1; pr <= pulls; pr++) {
          assertEquals(1, github.comments(REPO, pr).size(), "one comment on #" + pr);
        }
        // one event of a pull request at a time across both servers; pull requests in parallel,
        // at most the two servers' two workers each
        assertEquals(List.of(), watching.overlaps);
        assertTrue(watching.mostBusy.get() > 1, "pull requests never ran in parallel");
        assertTrue(watching.mostBusy.get() <= 4, "more than 2 x 2 workers: " + watching.mostBusy);
      }
    }
  }
}
