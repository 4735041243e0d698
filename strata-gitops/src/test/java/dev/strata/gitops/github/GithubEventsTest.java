package dev.strata.gitops.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.InputException;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvent.Ignored;
import dev.strata.gitops.github.GithubEvent.InstallationEvent;
import dev.strata.gitops.github.GithubEvent.PingEvent;
import dev.strata.gitops.github.GithubEvent.PullRequestAction;
import dev.strata.gitops.github.GithubEvent.PullRequestEvent;
import dev.strata.gitops.github.GithubEvent.PushEvent;
import dev.strata.gitops.github.GithubEvent.ReviewEvent;
import dev.strata.gitops.github.GithubEvent.ReviewState;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture file parses to the expected event; the table must name every file. */
class GithubEventsTest {
  private static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final Map<String, String> EXPECTED = new TreeMap<>();

  static {
    String notActed = "ignored: Strata does not act on ";
    for (String f :
        new String[] {
          "created.payload.json",
          "created.with-organization.payload.json",
          "requested_action.payload.json",
          "rerequested.payload.json",
          "rerequested.with-organization.payload.json"
        }) {
      EXPECTED.put("check_run/" + f, notActed + "check_run events");
    }
    for (String f :
        new String[] {
          "requested.payload.json",
          "requested.payload.with-email-with-special-characters.json",
          "requested.with-organization.payload.json",
          "rerequested.payload.json",
          "rerequested.with-organization.payload.json"
        }) {
      EXPECTED.put("check_suite/" + f, notActed + "check_suite events");
    }
    EXPECTED.put(
        "installation/created.payload.json",
        "installation created 957387 Codertocat [Codertocat/Hello-World]");
    EXPECTED.put(
        "installation/created.with-requester.payload.json",
        "installation created 957387 Codertocat [Codertocat/Hello-World]");
    EXPECTED.put(
        "installation_repositories/added.payload.json",
        "installation repositories_added 957387 Codertocat [Codertocat/Space]");
    EXPECTED.put(
        "installation_repositories/removed.payload.json",
        "installation repositories_removed 2 octocat []");
    String plain = "ignored: a comment on an issue, not a pull request";
    EXPECTED.put("issue_comment/created.1.payload.json", plain);
    EXPECTED.put("issue_comment/created.payload.json", plain);
    EXPECTED.put("issue_comment/created.with-installation.payload.json", plain);
    EXPECTED.put("issue_comment/created.with-organization.payload.json", plain);
    EXPECTED.put("issue_comment/edited.payload.json", "ignored: only new comments carry commands");
    EXPECTED.put(
        "issue_comment/edited.with-organization.payload.json",
        "ignored: only new comments carry commands");
    EXPECTED.put(
        "ping/payload.json", "ping 109948940 Octocoders/Hello-World key=Octocoders/Hello-World");
    EXPECTED.put(
        "ping/with-app_id.payload.json",
        "ping 109948940 Octocoders/Hello-World key=Octocoders/Hello-World");
    EXPECTED.put("ping/with-organization.payload.json", "ping 109948940 - key=-");
    for (String f : new String[] {"closed.payload.json", "closed.with-organization.payload.json"}) {
      EXPECTED.put(
          "pull_request/" + f,
          "pr CLOSED Codertocat/Hello-World#2 " + HEAD + " changes->master inst=1");
    }
    for (String f :
        new String[] {
          "opened.payload.json",
          "opened.with-null-body.json",
          "opened.with-organization.payload.json"
        }) {
      EXPECTED.put(
          "pull_request/" + f,
          "pr OPENED Codertocat/Hello-World#2 " + HEAD + " changes->master inst=1");
    }
    for (String f :
        new String[] {"reopened.payload.json", "reopened.with-organization.payload.json"}) {
      EXPECTED.put(
          "pull_request/" + f,
          "pr REOPENED Codertocat/Hello-World#2 " + HEAD + " changes->master inst=1");
    }
    EXPECTED.put(
        "pull_request/synchronize.payload.json",
        "pr SYNCHRONIZE Codertocat/Hello-World#2 " + HEAD + " changes->master inst=1");
    String commented = "ignored: a commented review does not change approvals";
    EXPECTED.put("pull_request_review/submitted.payload.json", commented);
    EXPECTED.put("pull_request_review/submitted.with-organization.payload.json", commented);
    String tag = "ignored: a push to refs/tags/simple-tag, not the default branch";
    EXPECTED.put("push/1.payload.json", tag);
    EXPECTED.put("push/payload.json", tag);
    EXPECTED.put("push/with-installation.payload.json", tag);
    EXPECTED.put("push/with-organization.payload.json", tag);
    String master =
        "push Codertocat/Hello-World@master 0000000000000000000000000000000000000000->"
            + "6113728f27ae82c7b1a177c8d03f9e96e0adf246 by Codertocat inst=1";
    EXPECTED.put("push/with-new-branch.payload.json", master);
    EXPECTED.put("push/with-no-username-committer.payload.json", master);
    for (String f :
        new String[] {
          "payload.json",
          "with-author-committer-null.payload.json",
          "with-installation.payload.json"
        }) {
      EXPECTED.put("status/" + f, notActed + "status events");
    }
  }

  static java.util.List<String> fixtures() {
    return Fixtures.all();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFixtureParses(String file) {
    GithubEvent event = GithubEvents.parse(Fixtures.event(file), Fixtures.read(file));
    assertEquals(EXPECTED.get(file), summary(event), file);
  }

  @Test
  void tableNamesExactlyTheFixtureFiles() {
    assertEquals(EXPECTED.keySet(), new java.util.TreeSet<>(Fixtures.all()));
  }

  @Test
  void mergedPullRequestIsDerivedFromClosed() {
    PullRequestEvent e =
        assertInstanceOf(
            PullRequestEvent.class,
            GithubEvents.parse("pull_request", Fixtures.mergedPullRequest()));
    assertEquals(PullRequestAction.MERGED, e.action());
    assertEquals("c4295bd74fb0f4fda03689c3df3f2803b658fd85", e.pullRequest().mergeCommitSha());
    assertEquals("Codertocat/Hello-World#2", e.orderingKey());
  }

  @Test
  void commentOnPullRequestCarriesItsCommand() {
    String json = Fixtures.pullRequestComment(7, "octo-dev", "strata apply billing/production");
    CommentEvent e =
        assertInstanceOf(CommentEvent.class, GithubEvents.parse("issue_comment", json));
    assertEquals(new CommentCommand.Apply("billing", "production"), e.command());
    assertEquals(7, e.pullNumber());
    assertEquals("octo-dev", e.author());
    assertEquals(492700400L, e.commentId());
    assertEquals(1, e.installationId());
    assertEquals("Codertocat/Hello-World#7", e.orderingKey());
  }

  @Test
  void ordinaryCommentOnPullRequestIsIgnored() {
    String json = Fixtures.pullRequestComment(7, "octo-dev", "Looks good to me");
    assertEquals(
        "ignored: the comment is not a strata command",
        summary(GithubEvents.parse("issue_comment", json)));
  }

  @Test
  void botCommentsAreIgnoredSoStrataNeverAnswersItself() {
    String json =
        Fixtures.pullRequestComment(7, "strata-app[bot]", "strata plan")
            .replaceFirst("\"type\": \"User\"", "\"type\": \"Bot\"");
    // the first "type": "User" after the issue is the issue author; replace the comment's too
    json = json.replace("\"type\": \"User\"", "\"type\": \"Bot\"");
    assertInstanceOf(Ignored.class, GithubEvents.parse("issue_comment", json));
  }

  @Test
  void approvalsAndChangeRequestsAreReviewEvents() {
    ReviewEvent approved =
        assertInstanceOf(
            ReviewEvent.class,
            GithubEvents.parse("pull_request_review", Fixtures.review("approved")));
    assertEquals(ReviewState.APPROVED, approved.state());
    assertEquals(HEAD, approved.commitId());
    assertEquals(HEAD, approved.headSha());
    assertEquals(2, approved.pullNumber());
    ReviewEvent changes =
        assertInstanceOf(
            ReviewEvent.class,
            GithubEvents.parse("pull_request_review", Fixtures.review("changes_requested")));
    assertEquals(ReviewState.CHANGES_REQUESTED, changes.state());
  }

  @Test
  void malformedBodiesAreInputErrors() {
    assertThrows(InputException.class, () -> GithubEvents.parse("pull_request", "{\"action\":"));
    assertThrows(InputException.class, () -> GithubEvents.parse("pull_request", "[]"));
    assertThrows(
        InputException.class,
        () -> GithubEvents.parse("pull_request", "{\"action\":\"opened\",\"repository\":{}}"));
  }

  static String summary(GithubEvent e) {
    if (e instanceof PullRequestEvent p) {
      var pr = p.pullRequest();
      return "pr "
          + p.action()
          + " "
          + p.orderingKey()
          + " "
          + pr.headSha()
          + " "
          + pr.headRef()
          + "->"
          + pr.baseRef()
          + " inst="
          + p.installationId();
    } else if (e instanceof PushEvent p) {
      return "push "
          + p.orderingKey()
          + " "
          + p.before()
          + "->"
          + p.after()
          + " by "
          + p.pusher()
          + " inst="
          + p.installationId();
    } else if (e instanceof InstallationEvent i) {
      return "installation "
          + i.action()
          + " "
          + i.installationId()
          + " "
          + i.account()
          + " "
          + i.repositories();
    } else if (e instanceof PingEvent p) {
      return "ping "
          + p.hookId()
          + " "
          + (p.repo() == null ? "-" : p.repo().fullName())
          + " key="
          + p.orderingKey();
    } else if (e instanceof Ignored i) {
      return "ignored: " + i.reason();
    } else if (e instanceof CommentEvent c) {
      return "comment " + c.orderingKey() + " " + c.command();
    } else if (e instanceof ReviewEvent r) {
      return "review " + r.orderingKey() + " " + r.state();
    }
    throw new AssertionError(e);
  }
}
