package dev.strata.gitops.server;

import static dev.strata.gitops.server.StrataServerTest.await;
import static dev.strata.gitops.server.StrataServerTest.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.Secret;
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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop over real HTTP on loopback: signed fixture webhooks into {@link StrataServer}, the
 * {@link PipelineHandler} fetching a real bare repository as the "remote", planning and applying
 * against a real SQLite database with the state in SQLite, and {@link FakeGithub} recording the
 * comment and statuses.
 */
class PipelineHandlerTest {
  private static final Secret SECRET = Secret.of("test-webhook-secret-5b1f");
  private static final String TOKEN = "ghs_pipeline_token_81c2";
  private static final String REPO = "Codertocat/Hello-World";
  private static final String FIXTURE_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String FIXTURE_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  private static final String FIXTURE_MERGE = "c4295bd74fb0f4fda03689c3df3f2803b658fd85";

  private static final String DASHBOARD_TOKEN = "dash-token-4417";

  @TempDir Path dir;
  private FakeGithub github;
  private TestRepo work;
  private Path remote;
  private Path db;
  private StrataServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    github =
        new FakeGithub()
            .token(TOKEN, "strata-app[bot]")
            .permission(REPO, "Codertocat", "write")
            .permission(REPO, "reader", "read");
    db = dir.resolve("dev.db");
    remote = dir.resolve("remotes/Codertocat/Hello-World.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    work = TestRepo.init(dir.resolve("work"));
    work.write(".strata/config.yml", dev.strata.gitops.Fixtures.CONFIG)
        .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
        .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY)
        .commit("initial");
    String store = "sqlite://" + dir.resolve("store.db");
    ServerConfig config =
        ServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET, store)
            .withGithubApi(github.apiBase())
            .withWorkers("w-test", 2, Duration.ofSeconds(60), Duration.ofMillis(50));
    ServerLog log = ServerLog.to(new PrintStream(logBytes, true));
    PipelineHandler handler =
        new PipelineHandler(
            new RepoCache(dir.resolve("cache"), dir.resolve("remotes").toUri()),
            store,
            Map.of("DEV_DATABASE_URL", "sqlite://" + db),
            log);
    server =
        new StrataServer(
                config, GithubClients.token(github.apiBase(), Secret.of(TOKEN)), handler, log)
            .mount("/", new Dashboard(store, Secret.of(DASHBOARD_TOKEN)))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    github.close();
    work.close();
    String logged = logBytes.toString(StandardCharsets.UTF_8);
    assertFalse(logged.contains(TOKEN) || logged.contains(SECRET.reveal()), logged);
    for (var c : github.comments(REPO, 2)) {
      assertFalse(c.body().contains(TOKEN), c.body());
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

  private String pullRequest(String action, String base, String head) {
    String file = action.equals("merged") ? null : "pull_request/" + action + ".payload.json";
    String json = file == null ? Fixtures.mergedPullRequest() : Fixtures.read(file);
    return json.replace(FIXTURE_HEAD, head).replace(FIXTURE_BASE, base);
  }

  private void deliver(String event, String body) throws Exception {
    int status =
        signed(server.port(), event, java.util.UUID.randomUUID().toString(), body).statusCode();
    assertEquals(202, status, body.substring(0, Math.min(200, body.length())));
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

  private void githubKnowsPull(String head) {
    github.openPull(REPO, 2, "changes", head, "0");
  }

  @Test
  void planCommentIsUpdatedInPlaceThenAWriterApplies() throws Exception {
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head1 = work.commit("create users");
    push();
    deliver("pull_request", pullRequest("opened", base, head1));
    await(
        "the plan comment",
        () -> strataComments().size() == 1 && status(head1, "strata/plan: dev", "success"));
    FakeGithub.Comment first = strataComments().get(0);
    assertTrue(first.body().contains("users"), first.body());
    assertTrue(first.body().contains("by commenting `strata apply`"), first.body());
    assertTrue(!first.body().contains("strata gitops apply"), first.body());
    assertFalse(first.body().contains("strata gitops apply"), first.body());
    assertEquals(List.of(), Sqlite.columns(db, "users"));

    work.write("db/schema.hcl", dev.strata.gitops.Fixtures.V2);
    String head2 = work.commit("add columns");
    push();
    deliver("pull_request", pullRequest("synchronize", base, head2));
    await("the updated comment", () -> status(head2, "strata/plan: dev", "success"));
    List<FakeGithub.Comment> after = strataComments();
    assertEquals(1, after.size());
    assertEquals(first.id(), after.get(0).id());
    assertTrue(after.get(0).body().contains("last_login"), after.get(0).body());

    githubKnowsPull(head2);
    deliver("issue_comment", Fixtures.pullRequestComment(2, "reader", "strata apply"));
    await(
        "the refusal",
        () -> github.comments(REPO, 2).stream().anyMatch(c -> c.body().contains("needs write")));
    assertEquals(List.of(), Sqlite.columns(db, "users"));

    deliver("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    await(
        "the apply",
        () ->
            !sqliteColumns().isEmpty()
                && strataComments().get(0).body().contains("strata-section:apply"));
    assertTrue(sqliteColumns().contains("last_login"));
    String body = strataComments().get(0).body();
    assertTrue(body.contains("applied"), body);
    assertEquals(1, strataComments().size());
  }

  @Test
  void aMergedPullRequestIsAppliedWithAutoapply() throws Exception {
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = work.commit("create users");
    push();
    deliver("pull_request", pullRequest("opened", base, head));
    await("the plan", () -> status(head, "strata/plan: dev", "success"));
    String merge = work.merge("changes");
    push();
    deliver("pull_request", pullRequest("merged", base, head).replace(FIXTURE_MERGE, merge));
    await("the apply after merge", () -> status(merge, "strata/apply: dev", "success"));
    assertTrue(sqliteColumns().contains("name"));
    assertTrue(strataComments().get(0).body().contains("applied"));

    // The dashboard over the same state: token required once configured, everything escaped.
    String page = "http://127.0.0.1:" + server.port() + "/";
    assertEquals(401, get(page, null).statusCode());
    assertEquals(401, get(page + "?token=wrong", null).statusCode());
    HttpResponse<String> ok = get(page, "Bearer " + DASHBOARD_TOKEN);
    assertEquals(200, ok.statusCode());
    String html = ok.body();
    assertTrue(html.contains("db/dev</td><td>in sync"), html);
    assertTrue(html.contains("CREATE TABLE"), html);
    assertTrue(html.contains("href=\"#run-"), html);
    assertFalse(html.contains(DASHBOARD_TOKEN));
    assertEquals(200, get(page + "?token=" + DASHBOARD_TOKEN, null).statusCode());
  }

  private static HttpResponse<String> get(String url, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unlockReplanAndPushToTheDefaultBranch() throws Exception {
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = work.commit("create users");
    push();
    deliver("pull_request", pullRequest("opened", base, head));
    await("the plan", () -> status(head, "strata/plan: dev", "success"));
    githubKnowsPull(head);

    deliver(
        "issue_comment",
        Fixtures.pullRequestComment(2, "Codertocat", "strata unlock")
            .replace("\"default_branch\": \"master\"", "\"default_branch\": \"main\""));
    await("the unlock", () -> strataComments().get(0).body().contains("released 1 lock(s)"));

    deliver("issue_comment", Fixtures.pullRequestComment(2, "reader", "strata plan db/dev"));
    await("the re-plan", () -> !strataComments().get(0).body().contains("strata-section:note"));
    assertTrue(strataComments().get(0).body().contains("users"));
    assertEquals(1, strataComments().size());

    String merge = work.merge("changes");
    push();
    String pushed =
        Fixtures.read("push/payload.json")
            .replace("refs/tags/simple-tag", "refs/heads/main")
            .replace("\"deleted\": true", "\"deleted\": false")
            .replace("0000000000000000000000000000000000000000", merge)
            .replace("\"default_branch\": \"master\"", "\"default_branch\": \"main\"");
    deliver("push", pushed);
    try {
      await("the drift check", () -> status(merge, "strata/drift: dev", "success"));
    } catch (AssertionError e) {
      throw new AssertionError(github.statuses() + "\n" + logBytes, e);
    }
    assertTrue(status(merge, "strata/apply: dev", "success"));
    assertTrue(sqliteColumns().contains("name"));
    assertTrue(strataComments().get(0).body().contains("strata-section:apply"));
    // the push ran in the default branch's work tree
    try (var clone =
        dev.strata.gitops.git.GitRepo.open(
            dir.resolve("cache/Codertocat_Hello-World.trees/default"))) {
      assertEquals(merge, clone.resolve("main"));
    }
  }

  @Test
  void aPullRequestMarkedReadyForReviewIsPlanned() throws Exception {
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = work.commit("create users");
    push();
    // GitHub's examples have no ready_for_review: the opened payload with that action
    String ready =
        pullRequest("opened", base, head)
            .replace("\"action\": \"opened\"", "\"action\": \"ready_for_review\"");
    assertTrue(ready.contains("\"action\": \"ready_for_review\""));
    deliver("pull_request", ready);
    await("the plan", () -> status(head, "strata/plan: dev", "success"));
    assertTrue(strataComments().get(0).body().contains("CREATE TABLE"));
  }

  @Test
  void aPlanForAnOlderHeadIsNotApplied() throws Exception {
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head1 = work.commit("create users");
    push();
    deliver("pull_request", pullRequest("opened", base, head1));
    await("the plan", () -> status(head1, "strata/plan: dev", "success"));
    // a new commit whose plan has not run (or failed): GitHub already shows it as the head
    work.write("db/schema.hcl", dev.strata.gitops.Fixtures.V2);
    String head2 = work.commit("add columns");
    push();
    githubKnowsPull(head2);
    deliver("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    await(
        "the refusal",
        () -> strataComments().get(0).body().contains("the pull request's head is now"));
    String body = strataComments().get(0).body();
    assertTrue(
        body.contains(
            "the latest plan of PR #2 is for commit "
                + head1.substring(0, 7)
                + ", but the pull request's head is now "
                + head2.substring(0, 7)
                + ": plan the new head first"),
        body);
    assertEquals(List.of(), sqliteColumns());
    await("the error status", () -> status(head2, "strata/apply", "error"));
  }

  @Test
  void anApprovingReviewLetsTheApplyThrough() throws Exception {
    work.write(".strata/config.yml", "apply_requirements:\n  approvals: 1\n");
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = work.commit("create users");
    push();
    deliver("pull_request", pullRequest("opened", base, head));
    try {
      await("the plan", () -> status(head, "strata/plan: dev", "success"));
    } catch (AssertionError e) {
      throw new AssertionError(github.statuses() + "\n" + logBytes, e);
    }
    githubKnowsPull(head);

    deliver("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    await(
        "the refused apply", () -> strataComments().get(0).body().contains("strata-section:apply"));
    String refused = strataComments().get(0).body();
    assertTrue(refused.contains("Apply requirements not met"), refused);
    assertEquals(List.of(), sqliteColumns());

    // an approval of an older commit does not count; one of the head commit does
    github.review(REPO, 2, "alice", "APPROVED", base);
    github.review(REPO, 2, "bob", "APPROVED", head);
    deliver(
        "pull_request_review",
        Fixtures.review("approved").replace(FIXTURE_HEAD, head).replace(FIXTURE_BASE, base));
    // opened, the refused apply and the review: all three done before the next comment
    await("the review event", () -> server.queue().stats().done() == 3);
    deliver("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    await("the apply", () -> sqliteColumns().contains("name"));
    await("the report", () -> status(head, "strata/apply: dev", "success"));
    String applied = strataComments().get(0).body();
    assertFalse(applied.contains("Apply requirements not met"), applied);
    assertEquals(1, strataComments().size());
  }

  @Test
  void aLintBlockedPlanIsAppliedOnlyWithAnAllowanceFromAWriter() throws Exception {
    // the live table has a column the desired state drops: DS103, blocked by default
    Sqlite.exec(
        db,
        "CREATE TABLE users (id uuid NOT NULL PRIMARY KEY, name varchar(255) NOT NULL,"
            + " is_admin boolean NOT NULL DEFAULT false, nickname text)");
    Sqlite.exec(db, "INSERT INTO users (id, name, nickname) VALUES ('u1', 'ada', 'countess')");
    String base = work.commit("base");
    work.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = work.commit("drop nickname");
    push();
    deliver("pull_request", pullRequest("opened", base, head));
    await("the blocked plan", () -> status(head, "strata/plan: dev", "failure"));
    String planned = strataComments().get(0).body();
    assertTrue(planned.contains("DS103"), planned);
    assertTrue(
        planned.contains("a `strata apply --allow CODE` (or `--allow-destructive`) comment"),
        planned);
    assertFalse(planned.contains("strata gitops apply --allow"), planned);

    githubKnowsPull(head);
    // without an allowance: refused, nothing changed
    deliver("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    await(
        "the refusal",
        () -> strataComments().get(0).body().contains("Refused: the lint policy blocks"));
    assertTrue(sqliteColumns().contains("nickname"));
    // a reader's allowance is no allowance
    deliver(
        "issue_comment",
        Fixtures.pullRequestComment(2, "reader", "strata apply --allow-destructive"));
    await(
        "the reader refused",
        () -> github.comments(REPO, 2).stream().anyMatch(c -> c.body().contains("needs write")));
    assertTrue(sqliteColumns().contains("nickname"));
    // an unknown code is answered, not applied
    deliver(
        "issue_comment",
        Fixtures.pullRequestComment(2, "Codertocat", "strata apply --allow DS999"));
    await(
        "the unknown code answered",
        () ->
            github.comments(REPO, 2).stream()
                .anyMatch(c -> c.body().contains("`DS999` is not a lint code or category")));
    // a writer's --allow DS103 lets the plan through
    deliver(
        "issue_comment",
        Fixtures.pullRequestComment(2, "Codertocat", "strata apply --allow DS103"));
    await("the apply", () -> !sqliteColumns().isEmpty() && !sqliteColumns().contains("nickname"));
    await("the apply status", () -> status(head, "strata/apply: dev", "success"));
    assertEquals(List.of("id", "name", "is_admin"), sqliteColumns());
    try (var store = dev.strata.gitops.store.Stores.open("sqlite://" + dir.resolve("store.db"))) {
      List<String> applies =
          store.audit(50).stream()
              .filter(a -> a.action().equals("apply"))
              .map(a -> a.actor() + " " + a.detail())
              .toList();
      assertTrue(
          applies.stream()
              .anyMatch(
                  a ->
                      a.startsWith("Codertocat applied")
                          && a.endsWith("(allowed by Codertocat: DS103)")),
          applies.toString());
      assertTrue(
          applies.stream()
              .anyMatch(a -> a.startsWith("Codertocat blocked") && !a.contains("allowed by")),
          applies.toString());
    }
  }

  private List<String> sqliteColumns() {
    try {
      return Sqlite.columns(db, "users");
    } catch (java.sql.SQLException e) {
      return List.of();
    }
  }
}
