package dev.strata.gitops.server;

import static dev.strata.gitops.server.StrataServerTest.await;
import static dev.strata.gitops.server.StrataServerTest.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.TestRepo;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pull requests of one repository planned at the same time by one server with three workers: a
 * before-plan hook records when each plan starts and ends and waits for a gate file, so the test
 * sees the plans overlap, and sees that two events of the same pull request never do. Real bare
 * repository, real SQLite databases and state store in PostgreSQL, {@link FakeGithub} for the API.
 */
class ParallelPullRequestsTest {
  private static final Secret SECRET = Secret.of("test-webhook-secret-5b1f");
  private static final String TOKEN = "ghs_parallel_token_3e90";
  private static final String REPO = "Codertocat/Hello-World";
  private static final String FIXTURE_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String FIXTURE_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  private static final String CONFIG =
      """
      hooks:
        plan:
          before:
            - >-
              echo "start $STRATA_PR $STRATA_HEAD" >> "$HOOK_LOG";
              i=0; while [ ! -f "$GATE" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done;
              echo "end $STRATA_PR $STRATA_HEAD" >> "$HOOK_LOG"
      """;

  @TempDir Path dir;
  private FakeGithub github;
  private TestRepo work;
  private Path remote;
  private Path hookLog;
  private Path gate;
  private PgDatabase store;
  private StrataServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    store = new PgDatabase();
    github = new FakeGithub().token(TOKEN, "strata-app[bot]");
    remote = dir.resolve("remotes/Codertocat/Hello-World.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    hookLog = dir.resolve("hooks.log");
    gate = dir.resolve("gate");
    work = TestRepo.init(dir.resolve("work"));
    work.write(".strata/config.yml", CONFIG)
        .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
        .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY)
        .commit("initial");
    ServerConfig config =
        ServerConfig.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET, store.url())
            .withGithubApi(github.apiBase())
            .withWorkers("w-par", 3, Duration.ofSeconds(60), Duration.ofMillis(50));
    ServerLog log = ServerLog.to(new PrintStream(logBytes, true));
    PipelineHandler handler =
        new PipelineHandler(
            new RepoCache(dir.resolve("cache"), dir.resolve("remotes").toUri()),
            store.url(),
            Map.of(
                "DEV_DATABASE_URL",
                "sqlite://" + dir.resolve("dev.db"),
                "HOOK_LOG",
                hookLog.toString(),
                "GATE",
                gate.toString()),
            log);
    server =
        new StrataServer(
                config, GithubClients.token(github.apiBase(), Secret.of(TOKEN)), handler, log)
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    github.close();
    work.close();
    store.close();
    String logged = logBytes.toString(StandardCharsets.UTF_8);
    assertFalse(logged.contains(TOKEN), logged);
  }

  @Test
  void twoPullRequestsPlanAtOnceWhileOnePullRequestsEventsStayInOrder() throws Exception {
    String base = work.commit("base");
    work.branch("two").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String two = work.commit("users for two");
    work.checkout("main").branch("three").write("db/schema.hcl", dev.strata.gitops.Fixtures.V2);
    String three = work.commit("users for three");
    push();

    deliver(pullRequest("opened", 2, base, two));
    deliver(pullRequest("opened", 3, base, three));
    // both plans are inside their before-plan hook at the same time: neither can leave it yet
    await(
        "both plans running",
        () -> hookLines().containsAll(List.of(start(2, two), start(3, three))));
    assertFalse(hookLines().stream().anyMatch(l -> l.startsWith("end")), hookLines().toString());
    assertTrue(Files.isDirectory(dir.resolve("cache/Codertocat_Hello-World.trees/pr-2")));
    assertTrue(Files.isDirectory(dir.resolve("cache/Codertocat_Hello-World.trees/pr-3")));
    Files.writeString(gate, "open");
    await("both plans reported", () -> planned(2, two) && planned(3, three));
    // the state store's lock still keeps them apart: one plan holds dev, the other is told so
    assertTrue(
        status(two, "strata/plan: dev", "success") != status(three, "strata/plan: dev", "success"),
        github.statuses().toString());
    assertTrue(
        status(two, "strata/plan: dev", "failure") || status(three, "strata/plan: dev", "failure"),
        github.statuses().toString());

    // closing pull request 3 releases its lock and removes its work tree
    deliver(pullRequest("closed", 3, base, three));
    await(
        "pull request 3's tree removed",
        () -> !Files.exists(dir.resolve("cache/Codertocat_Hello-World.trees/pr-3")));
    assertTrue(Files.isDirectory(dir.resolve("cache/Codertocat_Hello-World.trees/pr-2")));

    // two events of pull request 2: the second waits for the first, with workers to spare
    Files.delete(gate);
    Files.delete(hookLog);
    work.checkout("two").write("db/schema.hcl", dev.strata.gitops.Fixtures.V2);
    String twoB = work.commit("more columns");
    work.write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String twoC = work.commit("fewer columns again");
    push();
    deliver(pullRequest("synchronize", 2, base, twoB));
    deliver(pullRequest("synchronize", 2, base, twoC));
    await("the first event's plan", () -> hookLines().contains(start(2, twoB)));
    Thread.sleep(1500);
    assertEquals(List.of(start(2, twoB)), hookLines());
    Files.writeString(gate, "open");
    await("both events' plans", () -> hookLines().size() == 4);
    assertEquals(
        List.of(start(2, twoB), "end 2 " + twoB, start(2, twoC), "end 2 " + twoC), hookLines());
    await("the second plan reported", () -> status(twoC, "strata/plan: dev", "success"));
  }

  private static String start(int pr, String head) {
    return "start " + pr + " " + head;
  }

  private List<String> hookLines() {
    try {
      return Files.exists(hookLog) ? Files.readAllLines(hookLog) : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean planned(int pr, String head) {
    return github.statuses().stream()
            .anyMatch(
                s ->
                    head.equals(s.get("sha"))
                        && "strata/plan: dev".equals(s.get("context"))
                        && !"pending".equals(s.get("state")))
        && github.comments(REPO, pr).stream().anyMatch(c -> c.body().startsWith(PrComment.MARKER));
  }

  private boolean status(String sha, String context, String state) {
    return github.statuses().stream()
        .anyMatch(
            s ->
                sha.equals(s.get("sha"))
                    && context.equals(s.get("context"))
                    && state.equals(s.get("state")));
  }

  private void push() throws Exception {
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
          .call();
    }
  }

  private static String pullRequest(String action, int number, String base, String head) {
    return Fixtures.read("pull_request/" + action + ".payload.json")
        .replace(FIXTURE_HEAD, head)
        .replace(FIXTURE_BASE, base)
        .replace("\"number\": 2,", "\"number\": " + number + ",")
        .replace("\"default_branch\": \"master\"", "\"default_branch\": \"main\"");
  }

  private void deliver(String body) throws Exception {
    int status =
        signed(server.port(), "pull_request", java.util.UUID.randomUUID().toString(), body)
            .statusCode();
    assertEquals(202, status);
  }
}
