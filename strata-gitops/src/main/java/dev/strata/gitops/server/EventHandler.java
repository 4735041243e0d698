package dev.strata.gitops.server;

import dev.strata.gitops.github.GithubEvent;

/**
 * The work done for a queued event: the GitOps pipeline's plan, apply and unlock. It runs on a
 * worker thread after the dispatcher has acknowledged comment commands and checked the commenter's
 * permission. Throwing retries the event later (with backoff) up to the attempt limit, so a handler
 * must tolerate seeing an event again.
 */
@FunctionalInterface
public interface EventHandler {

  void handle(GithubEvent event, EventContext context) throws Exception;
}
