package dev.strata.gitops.server;

import dev.strata.gitops.github.GithubClient;

/**
 * What a handler gets with an event: the delivery id, the attempt number (1 for the first), and the
 * GitHub client authenticated for the event's installation.
 */
public record EventContext(String deliveryId, int attempt, GithubClient github) {}
