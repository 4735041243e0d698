package dev.strata.gitops.store;

/**
 * A schedule's state in the store: when its last run was due, who holds its lease and until when
 * (null when free), and how the last finished run ended.
 */
public record ScheduleSlot(
    String name,
    String lastDue,
    String owner,
    String leaseUntil,
    String lastStatus,
    String lastFinished) {}
