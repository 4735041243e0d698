package dev.strata.gitops.store;

/**
 * One GitOps run: a plan, apply, drift check or unlock, for a pull request ({@code pr} 0 when none)
 * between two commits, by an actor, with its outcome ({@code running}, {@code ok}, {@code failed},
 * {@code blocked}, {@code replanned}, {@code drift}) and a one-line summary.
 */
public record RunRecord(
    String id,
    String kind,
    int pr,
    String base,
    String head,
    String actor,
    String startedAt,
    String finishedAt,
    String status,
    String summary) {}
