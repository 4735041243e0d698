package dev.strata.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Sqlite;
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
 * {@code strata server} killed for real: a separate JVM is SIGKILLed while it applies a merged pull
 * request (the apply is done, its report is not) and while a push waits in the queue; a new process
 * on the same store finishes both, without applying twice or posting a second comment.
 */
class ServerKillTest {
  private static final String SECRET = "whsec-kill-test-0b7e";
  private static final String TOKEN = "ghs_kill_test_token_5c1d";
  private static final String REPO = "Codertocat/Hello-World";
  private static final String FIXTURE_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String FIXTURE_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  private static final String FIXTURE_MERGE = "c4295bd74fb0f4fda03689c3df3f2803b658fd85";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private FakeGithub github;
  private TestRepo work;
  private Path remote;
  private Path hookPid;

  @BeforeEach
  void start() throws Exception {
    github =
        new FakeGithub().token(TOKEN, "strata-app[bot]").permission(REPO, "Codertocat", "write");
    remote = dir.resolve("remotes/Codertocat/Hello-World.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    hookPid = dir.resolve("hook.pid");
  }

  @AfterEach
  void stop() throws Exception {
    github.close();
    if (work != null) {
      work.close();
    }
    // the after-apply hook of the killed server sleeps on as an orphan: end it by its pid
    if (Files.exists(hookPid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(hookPid).trim()))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aKilledServerLosesNoEventAndRepeatsNoApply() throws Exception {
    Path applies = dir.resolve("applies.log");
    Path inAfterHook = dir.resolve("after-hook-started");
    String config =
        "autoapply: true\n"
            + "hooks:\n"
            + "  apply:\n"
            + "    before: [\"echo applying >> '"
            + applies
            + "'\"]\n"
            // the first time only: say so, then hang until killed (exec: the pid is sleep's)
            + "    after: [\"[ -f '"
            + inAfterHook
            + "' ] || { echo $$ > '"
            + hookPid
            + "'; touch '"
            + inAfterHook
            + "'; exec sleep 600; }\"]\n";
    work = TestRepo.init(dir.resolve("work"));
    work.write(".strata/config.yml", config)
        .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
        .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY)
        .commit("initial");
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = work.commit("create users");
    push();

    Path db = dir.resolve("dev.db");
    String store = "sqlite://" + dir.resolve("server.db");
    Map<String, String> env = new HashMap<>();
    env.put("STRATA_WEBHOOK_SECRET", SECRET);
    env.put("STRATA_GITHUB_TOKEN", TOKEN);
    env.put("STRATA_GITHUB_API_URL", github.apiBase().toString());
    env.put("STRATA_GITHUB_GIT_URL", dir.resolve("remotes").toUri().toString());
    env.put("STRATA_STORE_URL", store);
    env.put("STRATA_CACHE_DIR", dir.resolve("cache").toString());
    env.put("STRATA_WORKERS", "1");
    env.put("STRATA_LEASE_SECONDS", "3");
    env.put("DEV_DATABASE_URL", "sqlite://" + db);

    String merge;
    try (ServerProcess first = ServerProcess.start(env, dir.resolve("first.log"))) {
      deliver(first, "pull_request", pullRequest("opened", base, head, null));
      await(first, "the plan", () -> status(head, "strata/plan: dev", "success"));
      assertEquals(1, strataComments().size());

      merge = work.merge("changes");
      push();
      deliver(first, "pull_request", pullRequest("merged", base, head, merge));
      await(first, "the apply, hanging in its after-hook", () -> Files.exists(inAfterHook));
      // the only worker is busy: this push waits in the queue
      deliver(first, "push", pushToMain(merge));
      first.kill();
      assertFalse(first.process.isAlive());
    }
    // killed after the apply and before its report: the database changed, GitHub heard nothing
    assertTrue(Sqlite.columns(db, "users").contains("name"));
    assertEquals(List.of("applying"), Files.readAllLines(applies));
    assertFalse(strataComments().get(0).body().contains("strata-section:apply"));
    EventQueue queue = new JdbcEventQueue(ConnectionSource.of(store));
    assertEquals(new EventQueue.Stats(1, 1, 1, 0), queue.stats());

    try (ServerProcess second = ServerProcess.start(env, dir.resolve("second.log"))) {
      await(second, "the queue drained", () -> queue.stats().done() == 3);
      await(second, "the drift check", () -> status(merge, "strata/drift: dev", "success"));
      assertEquals(new EventQueue.Stats(0, 0, 3, 0), queue.stats());
      // processed once each: one comment created (then edited), the DDL ran once
      assertEquals(List.of("applying"), Files.readAllLines(applies));
      assertEquals(1, strataComments().size());
      long created =
          github.calls().stream()
              .filter(c -> c.method().equals("POST") && c.path().endsWith("/issues/2/comments"))
              .count();
      assertEquals(1, created, github.calls().toString());
      String body = strataComments().get(0).body();
      assertTrue(body.contains("strata-section:apply"), body);
      assertTrue(status(merge, "strata/apply: dev", "success"), github.statuses().toString());
      assertEquals(
          1,
          github.statuses().stream()
              .filter(
                  s ->
                      merge.equals(s.get("sha"))
                          && "strata/drift: dev".equals(s.get("context"))
                          && "success".equals(s.get("state")))
              .count());
      assertTrue(Sqlite.columns(db, "users").contains("name"));
      assertFalse(second.output().contains(TOKEN) || second.output().contains(SECRET));
    }
  }

  private void push() throws Exception {
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
          .call();
    }
  }

  private static String pullRequest(String action, String base, String head, String merge) {
    String json =
        action.equals("merged")
            ? Fixtures.mergedPullRequest().replace(FIXTURE_MERGE, merge)
            : Fixtures.read("pull_request/" + action + ".payload.json");
    return json.replace(FIXTURE_HEAD, head).replace(FIXTURE_BASE, base);
  }

  private static String pushToMain(String merge) {
    return Fixtures.read("push/payload.json")
        .replace("refs/tags/simple-tag", "refs/heads/main")
        .replace("\"deleted\": true", "\"deleted\": false")
        .replace("0000000000000000000000000000000000000000", merge)
        .replace("\"default_branch\": \"master\"", "\"default_branch\": \"main\"");
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

  private List<FakeGithub.Comment> strataComments() {
    return github.comments(REPO, 2).stream()
        .filter(c -> c.body().startsWith(PrComment.MARKER))
        .toList();
  }

  private boolean status(String sha, String context, String state) {
    return github.statuses().stream()
        .anyMatch(
            s ->
                sha.equals(s.get("sha"))
                    && context.equals(s.get("context"))
                    && state.equals(s.get("state")));
  }

  private static void await(ServerProcess server, String what, BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + ":\n" + server.output());
      }
      Thread.sleep(50);
    }
  }
}
