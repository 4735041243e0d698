package dev.strata.gitops.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.github.FakeGithub.Call;
import dev.strata.gitops.github.GithubTypes.CheckConclusion;
import dev.strata.gitops.github.GithubTypes.CheckRun;
import dev.strata.gitops.github.GithubTypes.CheckStatus;
import dev.strata.gitops.github.GithubTypes.CommitStatus;
import dev.strata.gitops.github.GithubTypes.IssueComment;
import dev.strata.gitops.github.GithubTypes.Permission;
import dev.strata.gitops.github.GithubTypes.PullRequestInfo;
import dev.strata.gitops.github.GithubTypes.StatusState;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GithubClientTest {
  private static final String REPO = "Codertocat/Hello-World";
  private static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String TOKEN = "ghp_test_token_0123456789";

  private FakeGithub github;
  private GithubClient client;

  @BeforeEach
  void start() throws Exception {
    github = new FakeGithub().token(TOKEN, "strata-bot");
    client = new GithubClient(github.apiBase(), new GithubAuth.Token(Secret.of(TOKEN)));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void upsertCreatesThenUpdatesTheSameComment() {
    github.addComment(REPO, 2, "octo-dev", "strata plan");
    String marker = GithubClient.marker("plan");
    IssueComment first = client.upsertComment(REPO, 2, marker, "## Plan\nno changes");
    IssueComment second = client.upsertComment(REPO, 2, marker, "## Plan\n2 statements");
    assertEquals(first.id(), second.id());
    List<FakeGithub.Comment> comments = github.comments(REPO, 2);
    assertEquals(2, comments.size());
    assertEquals(marker + "\n## Plan\n2 statements", comments.get(1).body());
    assertEquals("strata-bot", comments.get(1).user());
    long posts = github.calls().stream().filter(c -> c.method().equals("POST")).count();
    long patches = github.calls().stream().filter(c -> c.method().equals("PATCH")).count();
    assertEquals(1, posts);
    assertEquals(1, patches);
    // an unchanged body is not sent again
    client.upsertComment(REPO, 2, marker, "## Plan\n2 statements");
    assertEquals(1, github.calls().stream().filter(c -> c.method().equals("PATCH")).count());
  }

  @Test
  void markerMustStartTheCommentSoQuotesDoNotMatch() {
    String marker = GithubClient.marker("plan");
    github.addComment(REPO, 2, "octo-dev", "> " + marker + "\nquoted");
    client.upsertComment(REPO, 2, marker, "mine");
    assertEquals(2, github.comments(REPO, 2).size());
  }

  @Test
  void commentsArePaginated() {
    github.maxPerPage(3);
    for (int i = 0; i < 8; i++) {
      github.addComment(REPO, 5, "user" + i, "comment " + i);
    }
    String marker = GithubClient.marker("plan");
    github.addComment(REPO, 5, "strata-bot", marker + "\nold");
    List<IssueComment> all = client.listComments(REPO, 5);
    assertEquals(9, all.size());
    assertEquals("comment 0", all.get(0).body());
    assertEquals(3, github.calls().size());
    assertEquals(all.get(8).id(), client.upsertComment(REPO, 5, marker, "new").id());
  }

  @Test
  void reactionsStatusesAndCheckRuns() {
    FakeGithub.Comment c = github.addComment(REPO, 2, "octo-dev", "strata plan");
    client.addReaction(REPO, c.id(), "eyes");
    assertEquals(List.of(Map.of("comment", c.id(), "content", "eyes")), github.reactions());
    assertThrows(IllegalArgumentException.class, () -> client.addReaction(REPO, c.id(), "x"));

    client.createStatus(
        REPO,
        SHA,
        new CommitStatus(
            StatusState.PENDING, CommitStatus.planContext("production"), "planning", null));
    Map<String, Object> status = github.statuses().get(0);
    assertEquals("pending", status.get("state"));
    assertEquals("strata/plan: production", status.get("context"));
    assertEquals(SHA, status.get("sha"));
    assertFalse(status.containsKey("target_url"));

    long id =
        client.createCheckRun(
            REPO,
            new CheckRun(
                "strata/plan: production", SHA, CheckStatus.IN_PROGRESS, null, null, null, null));
    client.updateCheckRun(
        REPO,
        id,
        new CheckRun(
            null,
            null,
            CheckStatus.COMPLETED,
            CheckConclusion.SUCCESS,
            "Plan",
            "2 statements",
            null));
    Map<String, Object> run = github.checkRuns().get(id);
    assertEquals("strata/plan: production", run.get("name"));
    assertEquals("completed", run.get("status"));
    assertEquals("success", run.get("conclusion"));
    assertEquals(Map.of("title", "Plan", "summary", "2 statements"), run.get("output"));
  }

  @Test
  void permissionsUseTheRoleName() {
    github
        .permission(REPO, "admin-user", "admin")
        .permission(REPO, "maintainer", "maintain")
        .permission(REPO, "writer", "write")
        .permission(REPO, "reader", "read")
        .permission(REPO, "triager", "triage");
    assertEquals(Permission.ADMIN, client.permission(REPO, "admin-user"));
    assertEquals(Permission.MAINTAIN, client.permission(REPO, "maintainer"));
    assertEquals(Permission.WRITE, client.permission(REPO, "writer"));
    assertEquals(Permission.TRIAGE, client.permission(REPO, "triager"));
    assertEquals(Permission.READ, client.permission(REPO, "reader"));
    assertEquals(Permission.NONE, client.permission(REPO, "stranger"));
    assertTrue(Permission.MAINTAIN.atLeast(Permission.WRITE));
    assertFalse(Permission.TRIAGE.atLeast(Permission.WRITE));
  }

  @Test
  void approversCountTheLatestDecidingReviewOfTheHeadCommit() {
    github
        .review(REPO, 2, "alice", "APPROVED", SHA)
        .review(REPO, 2, "alice", "COMMENTED", SHA)
        .review(REPO, 2, "bob", "APPROVED", SHA)
        .review(REPO, 2, "bob", "CHANGES_REQUESTED", SHA)
        .review(REPO, 2, "carol", "APPROVED", "f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
    assertEquals(5, client.listReviews(REPO, 2).size());
    assertEquals(Set.of("alice"), client.approvers(REPO, 2, SHA));
  }

  @Test
  void pullRequestState() {
    github.pull(
        REPO,
        2,
        Map.of(
            "number",
            2,
            "state",
            "open",
            "draft",
            true,
            "merged",
            false,
            "head",
            Map.of("ref", "changes", "sha", SHA),
            "base",
            Map.of("ref", "master", "sha", "f95f852")));
    PullRequestInfo pr = client.pullRequest(REPO, 2);
    assertEquals(2, pr.number());
    assertTrue(pr.draft());
    assertNull(pr.mergeable());
    assertEquals(SHA, pr.headSha());
    assertEquals("master", pr.baseRef());
  }

  @Test
  void errorsCarryTheStatusButNeverTheToken() {
    GithubApiException notFound =
        assertThrows(GithubApiException.class, () -> client.pullRequest(REPO, 99));
    assertEquals(404, notFound.status());
    assertTrue(notFound.getMessage().contains("GET /repos/Codertocat/Hello-World/pulls/99"));

    GithubClient wrong =
        new GithubClient(github.apiBase(), new GithubAuth.Token(Secret.of("ghp_wrong_secret")));
    GithubApiException denied =
        assertThrows(GithubApiException.class, () -> wrong.createComment(REPO, 2, "x"));
    assertEquals(401, denied.status());
    assertTrue(denied.getMessage().contains("Bad credentials"), denied.getMessage());
    assertFalse(denied.getMessage().contains("ghp_wrong_secret"));
    assertFalse(notFound.getMessage().contains(TOKEN));
    assertTrue(github.calls().stream().noneMatch(c -> String.valueOf(c.body()).contains(TOKEN)));
  }

  @Test
  void appExchangesASignedJwtForAnInstallationToken() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    github.app(4242, keys.getPublic());
    // GitHub hands out PKCS#1 PEM files; derive one from the JDK's PKCS#8 encoding.
    String pem = pkcs1Pem(keys.getPrivate().getEncoded());
    GithubApp app =
        GithubApp.fromPem(
            github.apiBase(), 4242, Secret.of(pem), java.net.http.HttpClient.newHttpClient());
    GithubClient installation = new GithubClient(github.apiBase(), app.installation(17));
    assertTrue(installation.isApp());
    installation.createComment(REPO, 2, "hello");
    installation.createComment(REPO, 2, "again");
    List<Call> calls = github.calls();
    assertEquals("/app/installations/17/access_tokens", calls.get(0).path());
    assertTrue(calls.stream().allMatch(Call::authorized));
    assertEquals(3, calls.size(), "the installation token is cached");
    assertEquals("strata-app[bot]", github.comments(REPO, 2).get(0).user());

    GithubApp impostor =
        new GithubApp(
            github.apiBase(),
            4242,
            gen.generateKeyPair().getPrivate(),
            java.net.http.HttpClient.newHttpClient(),
            java.time.Clock.systemUTC());
    assertEquals(
        401, assertThrows(GithubApiException.class, () -> impostor.installationToken(17)).status());
  }

  /** Strips the PKCS#8 wrapper (version, algorithm) to get the PKCS#1 RSAPrivateKey inside. */
  static String pkcs1Pem(byte[] pkcs8) {
    int i = 1;
    i += lengthBytes(pkcs8, i);
    i += 3; // INTEGER 0
    i += 2 + pkcs8[i + 1]; // AlgorithmIdentifier SEQUENCE
    i++; // OCTET STRING tag
    int len = length(pkcs8, i);
    i += lengthBytes(pkcs8, i);
    byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, i, i + len);
    assertEquals(pkcs8.length, GithubApp.wrapPkcs1(pkcs1).length);
    return "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1)
        + "\n-----END RSA PRIVATE KEY-----\n";
  }

  private static int lengthBytes(byte[] der, int at) {
    int b = der[at] & 0xff;
    return b < 0x80 ? 1 : 1 + (b & 0x7f);
  }

  private static int length(byte[] der, int at) {
    int b = der[at] & 0xff;
    if (b < 0x80) {
      return b;
    }
    int len = 0;
    for (int k = 1; k <= (b & 0x7f); k++) {
      len = (len << 8) | (der[at + k] & 0xff);
    }
    return len;
  }
}
