package dev.strata.gitops.server;

import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvent.PullRequestEvent;
import dev.strata.gitops.github.GithubTypes.CommitStatus;
import dev.strata.gitops.github.GithubTypes.StatusState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pipeline's stand-in: records every event it gets (and how often per delivery) and answers on
 * GitHub the way the pipeline will, so the whole flow runs against {@link
 * dev.strata.gitops.github.FakeGithub}: the one Strata comment per pull request is upserted by
 * marker and a {@code strata/plan: production} status is set on the head commit.
 */
final class RecordingHandler implements EventHandler {
  final List<GithubEvent> events = new CopyOnWriteArrayList<>();
  final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
  final List<String> order = new CopyOnWriteArrayList<>();

  @Override
  public void handle(GithubEvent event, EventContext context) {
    deliveries.merge(context.deliveryId(), 1, Integer::sum);
    events.add(event);
    order.add(context.deliveryId());
    GithubClient github = context.github();
    String marker = GithubClient.marker("pr");
    if (event instanceof PullRequestEvent pr) {
      String repo = pr.repo().fullName();
      int number = pr.pullRequest().number();
      github.upsertComment(
          repo,
          number,
          marker,
          "Plan for `" + pr.pullRequest().headSha() + "` (" + pr.action() + ")");
      github.createStatus(
          repo,
          pr.pullRequest().headSha(),
          new CommitStatus(
              StatusState.SUCCESS, CommitStatus.planContext("production"), "1 change", null));
    } else if (event instanceof CommentEvent c && c.command() instanceof CommentCommand.Apply) {
      github.upsertComment(
          c.repo().fullName(), c.pullNumber(), marker, "Applied on request of " + c.author());
    }
  }

  int count() {
    return deliveries.values().stream().mapToInt(Integer::intValue).sum();
  }
}
