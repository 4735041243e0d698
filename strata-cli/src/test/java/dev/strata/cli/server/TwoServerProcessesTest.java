package dev.strata.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.gitops.TestRepo;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.github.WebhookVerifier;
import dev.strata.gitops.server.ConnectionSource;
import dev.strata.gitops.server.EventQueue;
import dev.strata.gitops.server.JdbcEventQueue;
import dev.strata.gitops.server.PrComment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code strata server} JVMs on one PostgreSQL store and state store, each with its own clone
 * cache: a pull request's first push is planned slowly by one process while its second push reaches
 * the other. The second waits for the first (per pull request order holds across processes), so the
 * comment ends with the newest plan, and each event is planned once.
 */
class TwoServerProcessesTest {
  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String SECRET = "whsec-two-processes-9e21";
  private static final String TOKEN = "ghs_two_processes_token_44aa";
  private static final String REPO = "Codertocat/Hello-World";
  private static final String FIXTURE_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String FIXTURE_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private final String database =
      "strata_two_servers_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private FakeGithub github;
  private TestRepo work;
  private Path remote;

  @BeforeEach
  void start() throws Exception {
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      assumeTrue(false, "no local PostgreSQL: " + e.getMessage());
    }
    github = new FakeGithub().token(TOKEN, "strata-app[bot]");
    remote = dir.resolve("remotes/Codertocat/Hello-World.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
  }

  @AfterEach
  void stop() throws Exception {
    if (github != null) {
      github.close();
    }
    if (work != null) {
      work.close();
    }
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void aPullRequestsEventsAreProcessedInOrderAcrossProcesses() throws Exception {
    Path slowStarted = dir.resolve("slow-plan-started");
    // the plan of the first push (no last_login yet) is slow and says when it starts
    String config =
        "autoapply: true\n"
            + "hooks:\n"
            + "  plan:\n"
            + "    before: [\"grep -q last_login db/schema.hcl || { touch '"
            + slowStarted
            + "'; sleep 4; }\"]\n";
    work = TestRepo.init(dir.resolve("work"));
    work.write(".strata/config.yml", config)
        .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
        .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY)
        .commit("initial");
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head1 = work.commit("create users");
    work.write("db/schema.hcl", dev.strata.gitops.Fixtures.V2);
    String head2 = work.commit("add columns");
    push();

    String store = "postgres://postgres@127.0.0.1:5432/" + database;
    Map<String, String> env = new HashMap<>();
    env.put("STRATA_WEBHOOK_SECRET", SECRET);
    env.put("STRATA_GITHUB_TOKEN", TOKEN);
    env.put("STRATA_GITHUB_API_URL", github.apiBase().toString());
    env.put("STRATA_GITHUB_GIT_URL", dir.resolve("remotes").toUri().toString());
    env.put("STRATA_STORE_URL", store);
    env.put("DEV_DATABASE_URL", "sqlite://" + dir.resolve("dev.db"));
    Map<String, String> envA = new HashMap<>(env);
    envA.put("STRATA_CACHE_DIR", dir.resolve("cache-a").toString());
    Map<String, String> envB = new HashMap<>(env);
    envB.put("STRATA_CACHE_DIR", dir.resolve("cache-b").toString());

    try (ServerProcess a = ServerProcess.start(envA, dir.resolve("a.log"));
        ServerProcess b = ServerProcess.start(envB, dir.resolve("b.log"))) {
      deliver(a, "pull_request", pullRequest("opened", base, head1));
      await(a, b, "the slow plan of the first push", () -> Files.exists(slowStarted));
      // the second push reaches the other process while the first is still being planned
      deliver(b, "pull_request", pullRequest("synchronize", base, head2));
      await(a, b, "the plan of the second push", () -> planStatuses(head2).size() == 1);
      EventQueue queue = new JdbcEventQueue(ConnectionSource.of(store));
      await(a, b, "the queue drained", () -> queue.stats().done() == 2);
      Thread.sleep(500);
      assertEquals(new EventQueue.Stats(0, 0, 2, 0), queue.stats());

      // each push planned once, the first before the second
      assertEquals(1, planStatuses(head1).size(), github.statuses().toString());
      assertEquals(1, planStatuses(head2).size(), github.statuses().toString());
      List<Map<String, Object>> all = github.statuses();
      assertTrue(
          all.indexOf(planStatuses(head1).get(0)) < all.indexOf(planStatuses(head2).get(0)),
          all.toString());
      // one comment, showing the newest plan (a stale first plan finishing last would not)
      List<FakeGithub.Comment> comments =
          github.comments(REPO, 2).stream()
              .filter(c -> c.body().startsWith(PrComment.MARKER))
              .toList();
      assertEquals(1, comments.size());
      assertTrue(comments.get(0).body().contains("last_login"), comments.get(0).body());
      assertFalse(a.output().contains(TOKEN) || b.output().contains(TOKEN));
    }
  }

  private List<Map<String, Object>> planStatuses(String sha) {
    return github.statuses().stream()
        .filter(
            s ->
                sha.equals(s.get("sha"))
                    && "strata/plan: dev".equals(s.get("context"))
                    && "success".equals(s.get("state")))
        .toList();
  }

  private void push() throws Exception {
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
          .call();
    }
  }

  private static String pullRequest(String action, String base, String head) {
    return Fixtures.read("pull_request/" + action + ".payload.json")
        .replace(FIXTURE_HEAD, head)
        .replace(FIXTURE_BASE, base);
  }

  private static void deliver(ServerProcess server, String event, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", WebhookVerifier.sign(Secret.of(SECRET), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
  }

  private static void await(
      ServerProcess a, ServerProcess b, String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting for " + what + ":\n" + a.output() + "\n---\n" + b.output());
      }
      Thread.sleep(50);
    }
  }
}
