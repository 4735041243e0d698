package dev.strata.gitops.server;

import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvents;
import dev.strata.gitops.github.GithubTypes.Permission;
import java.util.Locale;

/**
 * Turns a claimed queue entry into work: parses the stored payload, picks the GitHub client of the
 * event's installation and, for comment commands, does what does not depend on the pipeline before
 * the handler sees the event: acknowledges the comment with an {@code eyes} reaction, answers
 * {@code strata help} and invalid commands itself, and refuses (with a reply) a command whose
 * author lacks the permission the {@link CommandPolicy} requires, asking GitHub for it.
 */
public final class EventDispatcher {
  private final GithubClients clients;
  private final EventHandler handler;
  private final CommandPolicy policy;
  private final ServerLog log;

  public EventDispatcher(
      GithubClients clients, EventHandler handler, CommandPolicy policy, ServerLog log) {
    this.clients = clients;
    this.handler = handler;
    this.policy = policy;
    this.log = log;
  }

  /** Processes one queued event; an exception means "retry later". */
  public void dispatch(QueuedEvent queued) throws Exception {
    GithubEvent event = GithubEvents.parse(queued.event(), queued.payload());
    GithubClient github = clients.forInstallation(event.installationId());
    EventContext context = new EventContext(queued.deliveryId(), queued.attempt(), github);
    if (event instanceof CommentEvent c && !admit(c, github)) {
      return;
    }
    handler.handle(event, context);
  }

  /** Acknowledges a comment command and decides whether the handler gets it. */
  private boolean admit(CommentEvent c, GithubClient github) {
    String repo = c.repo().fullName();
    github.addReaction(repo, c.commentId(), "eyes");
    CommentCommand command = c.command();
    if (command instanceof CommentCommand.Help) {
      github.createComment(repo, c.pullNumber(), policy.usage());
      return false;
    }
    if (command instanceof CommentCommand.Invalid invalid) {
      github.createComment(
          repo,
          c.pullNumber(),
          "@" + c.author() + ", " + invalid.reason() + ".\n\n" + policy.usage());
      return false;
    }
    Permission required = policy.required(command);
    if (required == Permission.NONE) {
      return true;
    }
    Permission actual = github.permission(repo, c.author());
    if (actual.atLeast(required)) {
      return true;
    }
    log.info(
        "refused `strata "
            + command.verb()
            + "` by "
            + c.author()
            + " on "
            + c.orderingKey()
            + ": "
            + name(actual));
    github.addReaction(repo, c.commentId(), "-1");
    github.createComment(repo, c.pullNumber(), refusal(c, repo, required, actual));
    return false;
  }

  /** The reply to a command whose author lacks the permission it needs. */
  static String refusal(CommentEvent c, String repo, Permission required, Permission actual) {
    return "@"
        + c.author()
        + ", `strata "
        + c.command().verb()
        + "` needs "
        + name(required)
        + " permission on "
        + repo
        + "; you have "
        + name(actual)
        + ". Nothing was done.";
  }

  private static String name(Permission p) {
    return p == Permission.NONE ? "no" : p.name().toLowerCase(Locale.ROOT);
  }
}
