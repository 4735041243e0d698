package dev.strata.gitops.config;

import java.util.List;

/**
 * A decoded {@code .strata/config.yml}: the projects (null when they are discovered from the {@code
 * strata.hcl} files of the commit), when to plan and apply, what an apply requires, how
 * environments are locked, hooks, drift checks, where the state lives and the default branch.
 */
public record GitopsConfig(
    List<ProjectSpec> projects,
    boolean autoplan,
    boolean autoapply,
    ApplyRequirements applyRequirements,
    LockPolicy lockPolicy,
    Hooks hooks,
    DriftConfig drift,
    StorageConfig storage,
    String defaultBranch) {

  /** Every key at its default: discovered projects, autoplan, no autoapply, strict locks. */
  public static final GitopsConfig DEFAULT =
      new GitopsConfig(
          null,
          true,
          false,
          ApplyRequirements.NONE,
          LockPolicy.STRICT,
          Hooks.NONE,
          DriftConfig.DEFAULT,
          StorageConfig.DEFAULT,
          "main");

  public GitopsConfig {
    projects = projects == null ? null : List.copyOf(projects);
  }

  /** Whether projects are found by looking for {@code strata.hcl} files. */
  public boolean discoverProjects() {
    return projects == null;
  }

  /** One project: a directory holding a {@code strata.hcl}, its environments and file patterns. */
  public record ProjectSpec(
      String name, String dir, List<EnvSpec> envs, List<String> filePatterns) {
    /** The patterns used when a project lists none: everything under its directory. */
    public static final List<String> DEFAULT_PATTERNS = List.of("${DIR}/**");

    public ProjectSpec {
      envs = List.copyOf(envs);
      filePatterns = List.copyOf(filePatterns);
    }

    /** A discovered project: every env of its {@code strata.hcl}, default patterns. */
    public static ProjectSpec discovered(String dir) {
      return new ProjectSpec(dir, dir, List.of(), DEFAULT_PATTERNS);
    }
  }

  /** One environment of a project and the environments that must be applied before it. */
  public record EnvSpec(String name, List<String> after) {
    public EnvSpec {
      after = List.copyOf(after);
    }
  }

  /** How environments are locked between pull requests. */
  public enum LockPolicy {
    /**
     * The first pull request that plans a change holds the environment until applied and merged.
     */
    STRICT,
    /** Only one apply at a time; plans never lock. */
    APPLY,
    /** No locks. */
    NONE;

    /** The word used in the config file. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What must hold before an apply; the default requires nothing beyond the command itself. {@code
   * dismissStaleApprovals}: with plain git, an approval recorded at an earlier head commit of the
   * pull request no longer counts (default true).
   */
  public record ApplyRequirements(
      int approvals,
      List<String> approvers,
      boolean mergeable,
      boolean statusChecks,
      boolean notDraft,
      boolean dismissStaleApprovals) {
    public static final ApplyRequirements NONE =
        new ApplyRequirements(0, List.of(), false, false, false, true);

    public ApplyRequirements {
      approvers = List.copyOf(approvers);
    }

    public ApplyRequirements(
        int approvals,
        List<String> approvers,
        boolean mergeable,
        boolean statusChecks,
        boolean notDraft) {
      this(approvals, approvers, mergeable, statusChecks, notDraft, true);
    }

    /** Whether any requirement needs facts from a forge. */
    public boolean any() {
      return approvals > 0 || mergeable || statusChecks || notDraft;
    }
  }

  /** Shell commands run before and after plan and apply, with the run's context in the env. */
  public record Hooks(
      List<String> beforePlan,
      List<String> afterPlan,
      List<String> beforeApply,
      List<String> afterApply) {
    public static final Hooks NONE = new Hooks(List.of(), List.of(), List.of(), List.of());

    public Hooks {
      beforePlan = List.copyOf(beforePlan);
      afterPlan = List.copyOf(afterPlan);
      beforeApply = List.copyOf(beforeApply);
      afterApply = List.copyOf(afterApply);
    }
  }

  /** Drift detection: on demand ({@code strata gitops drift}) and optionally on a cron schedule. */
  public record DriftConfig(boolean enabled, String schedule) {
    public static final DriftConfig DEFAULT = new DriftConfig(true, null);
  }

  /**
   * Where runs, plans, locks and the audit log live: a database URL (may hold {@code ${VAR}}
   * references, resolved only when connecting), or null for an embedded SQLite file {@code
   * state.db} in {@code dir} (null: {@code .git/strata}, outside the tracked tree).
   */
  public record StorageConfig(String url, String dir) {
    public static final StorageConfig DEFAULT = new StorageConfig(null, null);
  }
}
