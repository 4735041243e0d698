package dev.strata.gitops.github;

import dev.strata.InputException;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvent.Ignored;
import dev.strata.gitops.github.GithubEvent.InstallationEvent;
import dev.strata.gitops.github.GithubEvent.PingEvent;
import dev.strata.gitops.github.GithubEvent.PullRequest;
import dev.strata.gitops.github.GithubEvent.PullRequestAction;
import dev.strata.gitops.github.GithubEvent.PullRequestEvent;
import dev.strata.gitops.github.GithubEvent.PushEvent;
import dev.strata.gitops.github.GithubEvent.Repo;
import dev.strata.gitops.github.GithubEvent.ReviewEvent;
import dev.strata.gitops.github.GithubEvent.ReviewState;
import dev.strata.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a webhook delivery (the {@code X-GitHub-Event} name and the verified JSON body) into a
 * {@link GithubEvent}. Only the fields Strata uses are read; anything it does not act on becomes an
 * {@link Ignored} naming why, so unknown events and actions are never errors. A body that is not
 * JSON, or lacks a field an event needs, is an {@link InputException}.
 */
public final class GithubEvents {
  private GithubEvents() {}

  /** Parses one delivery. */
  public static GithubEvent parse(String event, String body) {
    if (!(JsonReader.parse(body, event + " payload") instanceof Map<?, ?> root)) {
      throw new InputException(event + " payload is not a JSON object");
    }
    Node n = new Node(event, root);
    String action = n.str("action");
    return switch (event) {
      case "pull_request" -> pullRequest(n, action);
      case "issue_comment" -> comment(n, action);
      case "pull_request_review" -> review(n, action);
      case "push" -> push(n);
      case "installation", "installation_repositories" -> installation(n, event, action);
      case "ping" -> new PingEvent(n.str("zen"), n.num("hook_id"), repo(n), installation(n));
      default -> new Ignored(event, action, "Strata does not act on " + event + " events");
    };
  }

  private static GithubEvent pullRequest(Node n, String action) {
    Node pr = n.node("pull_request");
    PullRequestAction a =
        switch (String.valueOf(action)) {
          case "opened" -> PullRequestAction.OPENED;
          case "synchronize" -> PullRequestAction.SYNCHRONIZE;
          case "reopened" -> PullRequestAction.REOPENED;
          case "ready_for_review" -> PullRequestAction.READY_FOR_REVIEW;
          case "closed" -> pr.bool("merged") ? PullRequestAction.MERGED : PullRequestAction.CLOSED;
          default -> null;
        };
    if (a == null) {
      return new Ignored("pull_request", action, "Strata does not act on this action");
    }
    return new PullRequestEvent(a, repo(n), pullRequest(pr), login(n, "sender"), installation(n));
  }

  private static PullRequest pullRequest(Node pr) {
    return new PullRequest(
        (int) pr.num("number"),
        pr.str("title"),
        login(pr, "user"),
        pr.node("head").str("ref"),
        pr.node("head").str("sha"),
        pr.node("base").str("ref"),
        pr.node("base").str("sha"),
        pr.bool("draft"),
        pr.bool("merged"),
        pr.str("merge_commit_sha"));
  }

  private static GithubEvent comment(Node n, String action) {
    Node issue = n.node("issue");
    if (!"created".equals(action)) {
      return new Ignored("issue_comment", action, "only new comments carry commands");
    }
    if (!issue.has("pull_request")) {
      return new Ignored("issue_comment", action, "a comment on an issue, not a pull request");
    }
    Node comment = n.node("comment");
    Node user = comment.node("user");
    if ("Bot".equals(user.str("type"))) {
      return new Ignored("issue_comment", action, "a comment by a bot");
    }
    String body = comment.str("body");
    CommentCommand command = CommentCommand.parse(body);
    if (command == null) {
      return new Ignored("issue_comment", action, "the comment is not a strata command");
    }
    return new CommentEvent(
        repo(n),
        (int) issue.num("number"),
        comment.num("id"),
        user.str("login"),
        body,
        command,
        installation(n));
  }

  private static GithubEvent review(Node n, String action) {
    Node review = n.node("review");
    String state = String.valueOf(review.str("state")).toLowerCase(Locale.ROOT);
    ReviewState s =
        "dismissed".equals(action)
            ? ReviewState.DISMISSED
            : !"submitted".equals(action)
                ? null
                : switch (state) {
                  case "approved" -> ReviewState.APPROVED;
                  case "changes_requested" -> ReviewState.CHANGES_REQUESTED;
                  default -> null;
                };
    if (s == null) {
      return new Ignored(
          "pull_request_review", action, "a " + state + " review does not change approvals");
    }
    Node pr = n.node("pull_request");
    return new ReviewEvent(
        repo(n),
        (int) pr.num("number"),
        login(review, "user"),
        s,
        review.str("commit_id"),
        pr.node("head").str("sha"),
        installation(n));
  }

  private static GithubEvent push(Node n) {
    Repo repo = repo(n);
    String ref = n.str("ref");
    String branch = ref != null && ref.startsWith("refs/heads/") ? ref.substring(11) : null;
    if (branch == null || !branch.equals(repo.defaultBranch())) {
      return new Ignored("push", null, "a push to " + ref + ", not the default branch");
    }
    if (n.bool("deleted")) {
      return new Ignored("push", null, "the default branch was deleted");
    }
    String pusher = n.has("pusher") ? n.node("pusher").str("name") : null;
    return new PushEvent(repo, branch, n.str("before"), n.str("after"), pusher, installation(n));
  }

  private static GithubEvent installation(Node n, String event, String action) {
    Node inst = n.node("installation");
    List<String> repos = new ArrayList<>();
    for (String key : List.of("repositories", "repositories_added")) {
      for (Node r : n.list(key)) {
        repos.add(r.str("full_name"));
      }
    }
    String verb = event.equals("installation") ? action : "repositories_" + action;
    return new InstallationEvent(verb, inst.num("id"), login(inst, "account"), repos);
  }

  private static Repo repo(Node n) {
    if (!n.has("repository")) {
      return null;
    }
    Node r = n.node("repository");
    return new Repo(login(r, "owner"), r.str("name"), r.str("default_branch"));
  }

  private static long installation(Node n) {
    return n.has("installation") ? n.node("installation").num("id") : 0;
  }

  private static String login(Node n, String key) {
    return n.has(key) ? n.node(key).str("login") : null;
  }

  /** A JSON object with typed, path-reporting accessors. */
  private record Node(String path, Map<?, ?> map) {
    boolean has(String key) {
      return map.get(key) != null;
    }

    Node node(String key) {
      if (!(map.get(key) instanceof Map<?, ?> m)) {
        throw new InputException(path + "." + key + " is missing or not an object");
      }
      return new Node(path + "." + key, m);
    }

    List<Node> list(String key) {
      List<Node> out = new ArrayList<>();
      if (map.get(key) instanceof List<?> l) {
        for (Object o : l) {
          if (o instanceof Map<?, ?> m) {
            out.add(new Node(path + "." + key + "[]", m));
          }
        }
      }
      return out;
    }

    String str(String key) {
      Object v = map.get(key);
      return v == null ? null : String.valueOf(v);
    }

    long num(String key) {
      if (!(map.get(key) instanceof Number num)) {
        throw new InputException(path + "." + key + " is missing or not a number");
      }
      return num.longValue();
    }

    boolean bool(String key) {
      return Boolean.TRUE.equals(map.get(key));
    }
  }
}
