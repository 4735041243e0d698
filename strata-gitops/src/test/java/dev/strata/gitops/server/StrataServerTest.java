package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvent.Ignored;
import dev.strata.gitops.github.GithubEvent.PingEvent;
import dev.strata.gitops.github.GithubEvents;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.github.WebhookVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over real HTTP on loopback, against {@link FakeGithub}, with SQLite and PostgreSQL.
 */
class StrataServerTest {
  private static final Secret SECRET = Secret.of("test-webhook-secret-5b1f");
  private static final String TOKEN = "ghs_test_installation_token";
  private static final String REPO = "Codertocat/Hello-World";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private FakeGithub github;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final ServerLog log = ServerLog.to(new PrintStream(logBytes, true));

  @BeforeEach
  void start() throws Exception {
    github = new FakeGithub().token(TOKEN, "strata-app[bot]");
  }

  @AfterEach
  void stop() {
    github.close();
    String logged = logBytes.toString(StandardCharsets.UTF_8);
    assertFalse(logged.contains(SECRET.reveal()) || logged.contains(TOKEN), logged);
  }

  private StrataServer server(String storeUrl, EventHandler handler, Duration lease)
      throws Exception {
    ServerConfig config =
        ServerConfig.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET, storeUrl)
            .withGithubApi(github.apiBase())
            .withWorkers("w-" + UUID.randomUUID(), 2, lease, Duration.ofMillis(50));
    GithubClients clients = GithubClients.token(github.apiBase(), Secret.of(TOKEN));
    return new StrataServer(config, clients, handler, log).start();
  }

  private StrataServer server(EventHandler handler) throws Exception {
    return server("sqlite://" + dir.resolve("store.db"), handler, Duration.ofSeconds(30));
  }

  static HttpResponse<String> post(int port, String event, String delivery, String body, String sig)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (sig != null) {
      b.header("X-Hub-Signature-256", sig);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> signed(int port, String event, String delivery, String body)
      throws Exception {
    String sig = WebhookVerifier.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
    return post(port, event, delivery, body, sig);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void everyFixtureIsAcceptedAndRelevantOnesAreQueuedAndHandled() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    try (StrataServer server = server(handler)) {
      int queued = 0;
      for (String file : Fixtures.all()) {
        String event = Fixtures.event(file);
        String body = Fixtures.read(file);
        GithubEvent parsed = GithubEvents.parse(event, body);
        boolean relevant = !(parsed instanceof Ignored) && !(parsed instanceof PingEvent);
        HttpResponse<String> r = signed(server.port(), event, UUID.randomUUID().toString(), body);
        assertEquals(relevant ? 202 : 200, r.statusCode(), file + ": " + r.body());
        queued += relevant ? 1 : 0;
      }
      assertEquals(14, queued, "installation 4, pull_request 8, push to master 2");
      int expected = queued;
      await("all queued events handled", () -> handler.count() == expected);
      await("queue drained", () -> server.queue().stats().done() == expected);
      Map<String, Long> strataComments =
          github.calls().stream()
              .filter(c -> c.method().equals("POST") && c.path().endsWith("/comments"))
              .collect(Collectors.groupingBy(FakeGithub.Call::path, Collectors.counting()));
      assertEquals(Map.of("/repos/" + REPO + "/issues/2/comments", 1L), strataComments);
      List<FakeGithub.Comment> comments = github.comments(REPO, 2);
      assertEquals(1, comments.size(), "one Strata comment, updated in place");
      assertTrue(comments.get(0).body().startsWith(GithubClient.marker("pr")));
      assertEquals(8, github.statuses().size());
      assertEquals("strata/plan: production", github.statuses().get(0).get("context"));
      HttpResponse<String> health =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"status\": \"ok\""), health.body());
    }
  }

  @Test
  void forgedSignatureIsRejectedAndNothingRecorded() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    try (StrataServer server = server(handler)) {
      String body = Fixtures.read("pull_request/opened.payload.json");
      String forged =
          WebhookVerifier.sign(Secret.of("guessed"), body.getBytes(StandardCharsets.UTF_8));
      assertEquals(401, post(server.port(), "pull_request", "d-1", body, forged).statusCode());
      assertEquals(401, post(server.port(), "pull_request", "d-1", body, null).statusCode());
      String tampered = body.replace("\"number\": 2", "\"number\": 3");
      String sig = WebhookVerifier.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
      assertEquals(401, post(server.port(), "pull_request", "d-1", tampered, sig).statusCode());
      assertEquals(new EventQueue.Stats(0, 0, 0, 0), server.queue().stats());
      assertEquals(List.of(), github.calls());
      // the rejected delivery id was not recorded: the genuine delivery is still accepted
      assertEquals(202, signed(server.port(), "pull_request", "d-1", body).statusCode());
      await("handled", () -> handler.count() == 1);
    }
  }

  @Test
  void replayedDeliveryIsIgnored() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    try (StrataServer server = server(handler)) {
      String body = Fixtures.read("pull_request/synchronize.payload.json");
      assertEquals(202, signed(server.port(), "pull_request", "d-replay", body).statusCode());
      HttpResponse<String> replay = signed(server.port(), "pull_request", "d-replay", body);
      assertEquals(200, replay.statusCode());
      assertTrue(replay.body().contains("duplicate"), replay.body());
      await("handled", () -> handler.count() == 1);
      Thread.sleep(300);
      assertEquals(Map.of("d-replay", 1), handler.deliveries);
      assertEquals(1, server.queue().stats().done());
    }
  }

  @Test
  void oversizedBodyIsRejected() throws Exception {
    ServerConfig config =
        ServerConfig.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                SECRET,
                "sqlite://" + dir.resolve("small.db"))
            .withLimits(1024, CommandPolicy.DEFAULT);
    try (StrataServer server =
        new StrataServer(
                config,
                GithubClients.token(github.apiBase(), Secret.of(TOKEN)),
                new RecordingHandler(),
                log)
            .start()) {
      String body = Fixtures.read("pull_request/opened.payload.json");
      assertEquals(413, signed(server.port(), "pull_request", "big", body).statusCode());
      assertEquals(new EventQueue.Stats(0, 0, 0, 0), server.queue().stats());
    }
  }

  @Test
  void commandFromUserWithoutWritePermissionIsRefused() throws Exception {
    github.permission(REPO, "reader", "read").permission(REPO, "maintainer", "maintain");
    RecordingHandler handler = new RecordingHandler();
    try (StrataServer server = server(handler)) {
      String refused = Fixtures.pullRequestComment(2, "reader", "strata apply billing/production");
      assertEquals(202, signed(server.port(), "issue_comment", "c-1", refused).statusCode());
      await("refusal", () -> github.comments(REPO, 2).size() == 1);
      String reply = github.comments(REPO, 2).get(0).body();
      assertTrue(reply.contains("@reader, `strata apply` needs write permission"), reply);
      assertTrue(reply.contains("you have read"), reply);

      String allowed = Fixtures.pullRequestComment(2, "maintainer", "strata apply");
      assertEquals(202, signed(server.port(), "issue_comment", "c-2", allowed).statusCode());
      await("handled", () -> handler.count() == 1);
      CommentEvent got = assertInstanceOf(CommentEvent.class, handler.events.get(0));
      assertEquals("maintainer", got.author());
      assertEquals(new CommentCommand.Apply(null, null), got.command());
      await("applied comment", () -> github.comments(REPO, 2).size() == 2);
      assertEquals(
          List.of("eyes", "-1", "eyes"),
          github.reactions().stream().map(r -> r.get("content")).toList());

      String help = Fixtures.pullRequestComment(2, "reader", "strata help");
      assertEquals(202, signed(server.port(), "issue_comment", "c-3", help).statusCode());
      await("help", () -> github.comments(REPO, 2).size() == 3);
      assertTrue(github.comments(REPO, 2).get(2).body().contains("strata unlock"));
      assertTrue(
          github.comments(REPO, 2).get(2).body().contains("`strata apply ... --allow CODE`"));
      assertTrue(
          github
              .comments(REPO, 2)
              .get(2)
              .body()
              .contains("`strata apply ... --allow-destructive`"));
      assertEquals(1, handler.count(), "help is answered without the pipeline");
    }
  }

  @Test
  void stricterCommandPermissionsRefuseAWriter() throws Exception {
    github
        .permission(REPO, "writer", "write")
        .permission(REPO, "maintainer", "maintain")
        .permission(REPO, "owner", "admin");
    ServerConfig config =
        ServerConfig.fromEnv(
                Map.of(
                    "STRATA_WEBHOOK_SECRET",
                    SECRET.reveal(),
                    "STRATA_STORE_URL",
                    "sqlite://" + dir.resolve("strict.db"),
                    "STRATA_COMMAND_PERMISSIONS",
                    "apply=admin,unlock=maintain"),
                "127.0.0.1",
                0)
            .withGithubApi(github.apiBase())
            .withWorkers("w-strict", 1, Duration.ofSeconds(30), Duration.ofMillis(50));
    RecordingHandler handler = new RecordingHandler();
    try (StrataServer server =
        new StrataServer(
                config, GithubClients.token(github.apiBase(), Secret.of(TOKEN)), handler, log)
            .start()) {
      String apply = Fixtures.pullRequestComment(2, "writer", "strata apply");
      assertEquals(202, signed(server.port(), "issue_comment", "s-1", apply).statusCode());
      await("refusal", () -> github.comments(REPO, 2).size() == 1);
      assertEquals(
          "@writer, `strata apply` needs admin permission on "
              + REPO
              + "; you have write."
              + " Nothing was done.",
          github.comments(REPO, 2).get(0).body());

      String unlock = Fixtures.pullRequestComment(2, "maintainer", "strata unlock");
      String plan = Fixtures.pullRequestComment(2, "writer", "strata plan");
      String ownerApply = Fixtures.pullRequestComment(2, "owner", "strata apply");
      assertEquals(202, signed(server.port(), "issue_comment", "s-2", unlock).statusCode());
      assertEquals(202, signed(server.port(), "issue_comment", "s-3", plan).statusCode());
      assertEquals(202, signed(server.port(), "issue_comment", "s-4", ownerApply).statusCode());
      await("three commands handled", () -> handler.count() == 3);
      assertEquals(
          List.of("maintainer", "writer", "owner"),
          handler.events.stream().map(e -> ((CommentEvent) e).author()).toList());
      assertEquals(
          1, github.comments(REPO, 2).stream().filter(c -> c.body().startsWith("@writer")).count());
      String help = Fixtures.pullRequestComment(2, "writer", "strata help");
      assertEquals(202, signed(server.port(), "issue_comment", "s-5", help).statusCode());
      await("help", () -> github.comments(REPO, 2).size() == 3);
      String usage = github.comments(REPO, 2).get(2).body();
      assertTrue(usage.contains("apply the current plans (needs admin permission)"), usage);
      assertTrue(usage.contains("holds (needs maintain permission)"), usage);
      assertFalse(usage.contains("write"), usage);
    }
  }
}
