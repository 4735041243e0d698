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
import dev.strata.gitops.server.PrComment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata server} configured as a GitHub App on GitHub Enterprise, entirely from the
 * environment: the App id and a private key file, the API at {@code http://host/api/v3} and the git
 * URL derived from it. The stand-in GitHub checks the App's JWT, issues installation tokens and
 * serves the repository over git's smart HTTP protocol only to {@code x-access-token} with such a
 * token, so a plan that arrives proves the server fetched with JGit over HTTP with its installation
 * token. A pull request's head exists only as {@code refs/pull/N/head} (as for a fork).
 */
class ServerGithubAppTest {
  private static final String SECRET = "whsec-app-test-3d9a";
  private static final String REPO = "Codertocat/Hello-World";
  private static final String FIXTURE_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String FIXTURE_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void anEnterpriseAppPlansWithCheckRunsAndFetchesWithItsInstallationToken() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    Path pem = dir.resolve("app.pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Path remotes = dir.resolve("git");
    Path remote = remotes.resolve(REPO + ".git");
    Git.init()
        .setBare(true)
        .setDirectory(remote.toFile())
        .setInitialBranch("master")
        .call()
        .close();
    Path db = dir.resolve("dev.db");
    try (FakeGithub github = new FakeGithub().app(4242, keys.getPublic()).serveGit(remotes);
        TestRepo work = TestRepo.init(dir.resolve("work"))) {
      work.write(".strata/config.yml", dev.strata.gitops.Fixtures.CONFIG)
          .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
          .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY);
      String base = work.commit("initial");
      work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
      String head = work.commit("create users");
      try (Git git = Git.open(work.dir().toFile())) {
        git.push()
            .setRemote(remote.toUri().toString())
            .setRefSpecs(
                new RefSpec("+refs/heads/main:refs/heads/master"),
                new RefSpec("+refs/heads/changes:refs/pull/2/head"))
            .call();
      }
      Map<String, String> env =
          Map.of(
              "STRATA_WEBHOOK_SECRET",
              SECRET,
              "STRATA_GITHUB_APP_ID",
              "4242",
              "STRATA_GITHUB_APP_PRIVATE_KEY_FILE",
              pem.toString(),
              "STRATA_GITHUB_API_URL",
              github.enterpriseApiBase().toString(),
              "STRATA_STORE_URL",
              "sqlite://" + dir.resolve("server.db"),
              "STRATA_CACHE_DIR",
              dir.resolve("cache").toString(),
              "DEV_DATABASE_URL",
              "sqlite://" + db);
      StringWriter text = new StringWriter();
      CountDownLatch stop = new CountDownLatch(1);
      Throwable[] failure = new Throwable[1];
      Thread server =
          new Thread(
              () -> {
                try {
                  ServerCommand.serve(env, "127.0.0.1", 0, new PrintWriter(text, true), stop);
                } catch (Throwable e) {
                  failure[0] = e;
                }
              });
      server.start();
      try {
        Matcher m = Pattern.compile("listening on (http://\\S+)").matcher("");
        await("the server", () -> failure[0] != null || m.reset(text.toString()).find());
        assertEquals(null, failure[0]);
        String url = m.group(1);

        String opened =
            Fixtures.read("pull_request/opened.payload.json")
                .replace(FIXTURE_HEAD, head)
                .replace(FIXTURE_BASE, base);
        assertEquals(202, deliver(url, "pull_request", opened));
        try {
          await(
              "the check run",
              () ->
                  github.checkRuns().values().stream()
                      .anyMatch(r -> head.equals(r.get("head_sha"))));
        } catch (AssertionError e) {
          throw new AssertionError(text + "\n" + github.calls() + "\n" + github.statuses(), e);
        }
        Map<String, Object> run = github.checkRuns().values().iterator().next();
        assertEquals("strata/plan: dev", run.get("name"), run.toString());
        assertEquals("completed", run.get("status"));
        assertEquals("success", run.get("conclusion"));
        String summary = String.valueOf(((Map<?, ?>) run.get("output")).get("summary"));
        assertTrue(summary.contains("by commenting `strata apply`"), summary);
        assertTrue(
            github.statuses().stream()
                .anyMatch(
                    s ->
                        head.equals(s.get("sha"))
                            && "strata/plan: dev".equals(s.get("context"))
                            && "success".equals(s.get("state"))),
            github.statuses().toString());
        List<FakeGithub.Comment> comments = github.comments(REPO, 2);
        assertEquals(1, comments.size());
        assertTrue(comments.get(0).body().startsWith(PrComment.MARKER));
        assertTrue(comments.get(0).body().contains("CREATE TABLE"), comments.get(0).body());
        assertEquals("strata-app[bot]", comments.get(0).user());
        assertEquals(List.of(), Sqlite.columns(db, "users"), "a plan applies nothing");

        List<FakeGithub.Call> calls = github.calls();
        assertEquals("/app/installations/1/access_tokens", calls.get(0).path());
        List<FakeGithub.Call> gitCalls =
            calls.stream().filter(c -> c.path().startsWith("/" + REPO + ".git/")).toList();
        assertTrue(
            gitCalls.stream()
                .anyMatch(c -> c.authorized() && c.path().endsWith("/git-upload-pack")),
            gitCalls.toString());
        assertTrue(
            calls.stream()
                .filter(c -> !c.path().startsWith("/" + REPO + ".git/"))
                .allMatch(FakeGithub.Call::authorized),
            calls.toString());

        // the local cache: a bare mirror of the repository fetched from the server, and the pull
        // request's own work tree cloned from the mirror, with its head; no token in either
        String mirrorConfig =
            Files.readString(dir.resolve("cache/Codertocat_Hello-World.git/config"));
        assertTrue(mirrorConfig.contains(github.apiBase() + "/" + REPO + ".git"), mirrorConfig);
        assertFalse(mirrorConfig.contains("ghs_"), mirrorConfig);
        Path clone = dir.resolve("cache/Codertocat_Hello-World.trees/pr-2");
        String config = Files.readString(clone.resolve(".git/config"));
        assertTrue(config.contains("Codertocat_Hello-World.git"), config);
        assertFalse(config.contains("ghs_"), config);
        try (var repo = dev.strata.gitops.git.GitRepo.open(clone)) {
          assertEquals(head, repo.resolve("refs/remotes/origin/pull/2"));
        }

        // a second push reuses the clone: only the new objects are fetched
        work.write("db/schema.hcl", dev.strata.gitops.Fixtures.V2);
        String head2 = work.commit("add columns");
        try (Git git = Git.open(work.dir().toFile())) {
          git.push()
              .setRemote(remote.toUri().toString())
              .setRefSpecs(new RefSpec("+refs/heads/changes:refs/pull/2/head"))
              .call();
        }
        String sync =
            Fixtures.read("pull_request/synchronize.payload.json")
                .replace(FIXTURE_HEAD, head2)
                .replace(FIXTURE_BASE, base);
        assertEquals(202, deliver(url, "pull_request", sync));
        await(
            "the second check run",
            () ->
                github.checkRuns().values().stream()
                    .anyMatch(r -> head2.equals(r.get("head_sha"))));
        assertEquals(1, github.comments(REPO, 2).size(), "the comment is updated in place");
        assertTrue(github.comments(REPO, 2).get(0).body().contains("last_login"));
        assertEquals(
            1,
            github.calls().stream()
                .filter(c -> c.path().equals("/app/installations/1/access_tokens"))
                .count(),
            "the installation token is reused while valid");
      } finally {
        stop.countDown();
        server.join(30_000);
      }
      String log = text.toString();
      assertFalse(log.contains("ghs_") || log.contains(SECRET) || log.contains("PRIVATE"), log);
    }
  }

  private static int deliver(String url, String event, String body) throws Exception {
    String sig = WebhookVerifier.sign(Secret.of(SECRET), body.getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", sig)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
