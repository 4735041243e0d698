package dev.strata.gitops.store;

/** An approval of a pull request recorded with plain git: who, at which head commit, and when. */
public record Approval(int pr, String actor, String head, String approvedAt) {}
