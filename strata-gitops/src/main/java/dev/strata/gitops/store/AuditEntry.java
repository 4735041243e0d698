package dev.strata.gitops.store;

/**
 * One line of the audit log: what was done ({@code plan}, {@code apply}, {@code lock}, {@code
 * unlock}, {@code replan}, {@code drift}, {@code blocked}), by whom, for which pull request,
 * commit, project and environment, with a detail whose passwords are masked.
 */
public record AuditEntry(
    String at,
    String actor,
    String action,
    int pr,
    String commit,
    String project,
    String env,
    String detail) {}
