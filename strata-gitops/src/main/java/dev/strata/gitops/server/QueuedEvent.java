package dev.strata.gitops.server;

/**
 * A webhook delivery waiting in or claimed from the {@link EventQueue}: the verified raw payload
 * with its event name, delivery id and ordering key. {@code attempt} counts claims (1 for the
 * first) and, with {@code owner}, fences the claim: a worker whose lease expired can no longer
 * complete an event someone else has re-claimed.
 */
public record QueuedEvent(
    long id,
    String deliveryId,
    String event,
    String orderingKey,
    String payload,
    int attempt,
    String owner) {}
