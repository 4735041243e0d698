package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.gitops.Sqlite;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.run.Gitops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --github} inside Actions: the event file and standard variables drive a plan on a real
 * repository, then the merge's apply, both reported in the one Strata comment on {@link
 * FakeGithub}.
 */
class ActionsRunnerTest {
  private static final String TOKEN = "ghs_actions_token_93";
  private static final String REPO = "Codertocat/Hello-World";

  @TempDir Path dir;
  private FakeGithub github;
  private TestRepo repo;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    github = new FakeGithub().token(TOKEN, "github-actions[bot]");
    repo = TestRepo.init(dir.resolve("repo"));
    repo.write(".strata/config.yml", dev.strata.gitops.Fixtures.CONFIG)
        .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
        .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY)
        .commit("initial");
    env = new HashMap<>();
    env.put("DEV_DATABASE_URL", "sqlite://" + dir.resolve("dev.db"));
    env.put("GITHUB_REPOSITORY", REPO);
    env.put("GITHUB_TOKEN", TOKEN);
    env.put("GITHUB_API_URL", github.apiBase().toString());
    env.put("GITHUB_EVENT_PATH", dir.resolve("event.json").toString());
  }

  @AfterEach
  void tearDown() {
    repo.close();
    github.close();
  }

  private ActionsRunner event(String name, String json) throws Exception {
    Files.writeString(dir.resolve("event.json"), json);
    env.put("GITHUB_EVENT_NAME", name);
    return ActionsRunner.fromEnv(env);
  }

  /** The fixture's {@code pull_request opened} event, for {@code base..head} of the test repo. */
  private ActionsRunner opened(String base, String head) throws Exception {
    return event(
        "pull_request",
        Fixtures.read("pull_request/opened.payload.json")
            .replace("ec26c3e57ca3a959ca5aad62de7213c562f8c821", head)
            .replace("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", base));
  }

  @Test
  void plansThePullRequestThenAppliesTheMerge() throws Exception {
    String base = repo.commit("base");
    repo.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = repo.commit("create users");
    ActionsRunner plan = opened(base, head);
    try (Gitops g = Gitops.open(repo.dir(), env, plan.pullRequests(), null)) {
      RunReport r = plan.plan(g);
      assertEquals(0, r.exitCode());
    }
    List<FakeGithub.Comment> comments = github.comments(REPO, 2);
    assertEquals(1, comments.size());
    assertTrue(comments.get(0).body().startsWith(PrComment.MARKER));
    assertTrue(comments.get(0).body().contains("users"));
    assertTrue(
        github.statuses().stream()
            .anyMatch(
                s -> head.equals(s.get("sha")) && "strata/plan: dev".equals(s.get("context"))));

    String merge = repo.merge("changes");
    String merged =
        Fixtures.mergedPullRequest()
            .replace("ec26c3e57ca3a959ca5aad62de7213c562f8c821", head)
            .replace("c4295bd74fb0f4fda03689c3df3f2803b658fd85", merge);
    ActionsRunner apply = event("pull_request", merged);
    try (Gitops g = Gitops.open(repo.dir(), env, apply.pullRequests(), null)) {
      RunReport r = apply.apply(g, null, List.of());
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertTrue(Sqlite.columns(dir.resolve("dev.db"), "users").contains("name"));
    comments = github.comments(REPO, 2);
    assertEquals(1, comments.size());
    assertTrue(comments.get(0).body().contains("strata-section:apply"), comments.get(0).body());
  }

  @Test
  void autoplanOffPlansNothingOnAPullRequestEvent() throws Exception {
    repo.write(".strata/config.yml", "autoapply: true\nautoplan: false\n");
    String base = repo.commit("base, autoplan off");
    repo.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = repo.commit("create users");
    ActionsRunner plan = opened(base, head);
    try (Gitops g = Gitops.open(repo.dir(), env, plan.pullRequests(), null)) {
      RunReport r = plan.plan(g);
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.results().isEmpty(), r.toString());
      assertTrue(g.store().plansForPr(2).isEmpty(), "nothing stored");
    }
    List<FakeGithub.Comment> comments = github.comments(REPO, 2);
    assertEquals(1, comments.size());
    assertTrue(comments.get(0).body().contains("autoplan is off"), comments.get(0).body());
    assertTrue(
        !Files.exists(dir.resolve("dev.db"))
            || Sqlite.columns(dir.resolve("dev.db"), "users").isEmpty());
  }

  @Test
  void missingVariablesAndWrongEventsAreInputErrors() throws Exception {
    env.remove("GITHUB_TOKEN");
    InputException e =
        assertThrows(
            InputException.class, () -> event("pull_request", Fixtures.mergedPullRequest()));
    assertTrue(e.getMessage().contains("GITHUB_TOKEN"));
    env.put("GITHUB_TOKEN", TOKEN);
    ActionsRunner ping = event("ping", Fixtures.read("ping/payload.json"));
    try (Gitops g = Gitops.open(repo.dir(), env, ping.pullRequests(), null)) {
      assertThrows(InputException.class, () -> ping.plan(g));
    }
  }

  @Test
  void aStrataApplyCommentNeedsWritePermissionAskedFromGithub() throws Exception {
    github.permission(REPO, "reader", "read").permission(REPO, "Codertocat", "write");
    String base = repo.commit("base");
    repo.branch("changes").write("db/schema.hcl", dev.strata.gitops.Fixtures.V1);
    String head = repo.commit("create users");
    ActionsRunner plan = opened(base, head);
    try (Gitops g = Gitops.open(repo.dir(), env, plan.pullRequests(), null)) {
      assertEquals(0, plan.plan(g).exitCode());
    }
    github.openPull(REPO, 2, "changes", head, base);

    // a collaborator with read access passes a workflow's author_association check
    ActionsRunner refused =
        event("issue_comment", Fixtures.pullRequestComment(2, "reader", "strata apply"));
    try (Gitops g = Gitops.open(repo.dir(), env, refused.pullRequests(), null)) {
      InputException e =
          assertThrows(InputException.class, () -> refused.apply(g, null, List.of()));
      assertEquals(
          "@reader, `strata apply` needs write permission on "
              + REPO
              + "; you have read."
              + " Nothing was done.",
          e.getMessage());
    }
    assertEquals(List.of(), Sqlite.columns(dir.resolve("dev.db"), "users"));
    assertEquals(
        List.of("eyes", "-1"), github.reactions().stream().map(r -> r.get("content")).toList());
    assertTrue(github.comments(REPO, 2).stream().anyMatch(c -> c.body().startsWith("@reader, ")));

    env.put("STRATA_COMMAND_PERMISSIONS", "apply=admin");
    ActionsRunner stricter =
        event("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    try (Gitops g = Gitops.open(repo.dir(), env, stricter.pullRequests(), null)) {
      assertThrows(InputException.class, () -> stricter.apply(g, null, List.of()));
    }
    assertEquals(List.of(), Sqlite.columns(dir.resolve("dev.db"), "users"));

    env.remove("STRATA_COMMAND_PERMISSIONS");
    String newer = "0123456789abcdef0123456789abcdef01234567";
    github.openPull(REPO, 2, "changes", newer, base);
    ActionsRunner stale =
        event("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    try (Gitops g = Gitops.open(repo.dir(), env, stale.pullRequests(), null)) {
      InputException e = assertThrows(InputException.class, () -> stale.apply(g, null, List.of()));
      assertTrue(e.getMessage().contains("the pull request's head is now 0123456"), e.getMessage());
    }
    assertEquals(List.of(), Sqlite.columns(dir.resolve("dev.db"), "users"));
    github.openPull(REPO, 2, "changes", head, base);
    ActionsRunner writer =
        event("issue_comment", Fixtures.pullRequestComment(2, "Codertocat", "strata apply"));
    try (Gitops g = Gitops.open(repo.dir(), env, writer.pullRequests(), null)) {
      RunReport r = writer.apply(g, null, List.of());
      assertEquals(0, r.exitCode(), r.toString());
    }
    assertTrue(Sqlite.columns(dir.resolve("dev.db"), "users").contains("name"));
  }
}
