package dev.strata.gitops.config;

import dev.strata.InputException;
import dev.strata.gitops.config.GitopsConfig.ApplyRequirements;
import dev.strata.gitops.config.GitopsConfig.DriftConfig;
import dev.strata.gitops.config.GitopsConfig.EnvSpec;
import dev.strata.gitops.config.GitopsConfig.Hooks;
import dev.strata.gitops.config.GitopsConfig.LockPolicy;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.config.GitopsConfig.StorageConfig;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Decodes {@code .strata/config.yml} strictly: every key is known, every value has the expected
 * type, and errors carry the file, line and column. Absent keys take their defaults ({@link
 * GitopsConfig#DEFAULT}); an empty file is the default configuration. The YAML is composed into
 * nodes, never constructed into objects, so tags in the file cannot run code.
 */
public final class ConfigLoader {
  /** The config file's path inside the repository. */
  public static final String PATH = ".strata/config.yml";

  private static final Set<String> TOP =
      Set.of(
          "version",
          "projects",
          "autoplan",
          "autoapply",
          "apply_requirements",
          "lock_policy",
          "hooks",
          "drift",
          "storage",
          "default_branch");

  private final YamlNodes y;

  private ConfigLoader(String file) {
    this.y = new YamlNodes(file);
  }

  /** Parses the text of a config file; {@code file} names it in errors. */
  public static GitopsConfig parse(String text, String file) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      var m = e.getProblemMark();
      throw new InputException(
          file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + e.getProblem());
    } catch (RuntimeException e) {
      throw new InputException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || root instanceof ScalarNode s && s.getValue().isBlank()) {
      return GitopsConfig.DEFAULT;
    }
    return new ConfigLoader(file).decode(root);
  }

  private GitopsConfig decode(Node root) {
    Map<String, Node> m = y.mapping(root, "the config file", TOP);
    GitopsConfig d = GitopsConfig.DEFAULT;
    if (m.containsKey("version") && y.integer(m.get("version"), "version") != 1) {
      throw y.error(m.get("version"), "unsupported config version (expected 1)");
    }
    List<ProjectSpec> projects = m.containsKey("projects") ? projects(m.get("projects")) : null;
    return new GitopsConfig(
        projects,
        m.containsKey("autoplan") ? y.bool(m.get("autoplan"), "autoplan") : d.autoplan(),
        m.containsKey("autoapply") ? y.bool(m.get("autoapply"), "autoapply") : d.autoapply(),
        m.containsKey("apply_requirements")
            ? requirements(m.get("apply_requirements"))
            : d.applyRequirements(),
        m.containsKey("lock_policy") ? lockPolicy(m.get("lock_policy")) : d.lockPolicy(),
        m.containsKey("hooks") ? hooks(m.get("hooks")) : d.hooks(),
        m.containsKey("drift") ? drift(m.get("drift")) : d.drift(),
        m.containsKey("storage") ? storage(m.get("storage")) : d.storage(),
        m.containsKey("default_branch")
            ? y.string(m.get("default_branch"), "default_branch")
            : d.defaultBranch());
  }

  private List<ProjectSpec> projects(Node n) {
    List<ProjectSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node p : y.sequence(n, "projects")) {
      Map<String, Node> m =
          y.mapping(p, "a project", Set.of("name", "dir", "envs", "when_modified"));
      if (!m.containsKey("dir")) {
        throw y.error(p, "a project needs a dir (the directory holding its strata.hcl)");
      }
      String dir = normaliseDir(y.string(m.get("dir"), "dir"));
      String name = m.containsKey("name") ? y.string(m.get("name"), "name") : dir;
      if (!names.add(name)) {
        throw y.error(p, "two projects are named \"" + name + "\"; give them distinct names");
      }
      List<EnvSpec> envs = m.containsKey("envs") ? envs(m.get("envs")) : List.of();
      List<String> patterns = ProjectSpec.DEFAULT_PATTERNS;
      if (m.containsKey("when_modified")) {
        Map<String, Node> w =
            y.mapping(m.get("when_modified"), "when_modified", Set.of("file_patterns"));
        if (w.containsKey("file_patterns")) {
          patterns = y.strings(w.get("file_patterns"), "file_patterns");
          for (String pat : patterns) {
            if (pat.replace("${DIR}", "").contains("${")) {
              throw y.error(w.get("file_patterns"), "only ${DIR} may be used in file_patterns");
            }
          }
        }
      }
      out.add(new ProjectSpec(name, dir, envs, patterns));
    }
    return out;
  }

  private List<EnvSpec> envs(Node n) {
    List<EnvSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node e : y.sequence(n, "envs")) {
      EnvSpec spec;
      if (e instanceof ScalarNode) {
        spec = new EnvSpec(y.string(e, "an env"), List.of());
      } else {
        Map<String, Node> m = y.mapping(e, "an env", Set.of("name", "after"));
        if (!m.containsKey("name")) {
          throw y.error(e, "an env needs a name (an env block of the project's strata.hcl)");
        }
        List<String> after =
            m.containsKey("after") ? y.strings(m.get("after"), "after") : List.of();
        spec = new EnvSpec(y.string(m.get("name"), "name"), after);
        for (String a : after) {
          if (!seen.contains(a)) {
            throw y.error(
                m.get("after"),
                "env \""
                    + spec.name()
                    + "\" is after \""
                    + a
                    + "\", which is not listed before it");
          }
        }
      }
      if (!seen.add(spec.name())) {
        throw y.error(e, "env \"" + spec.name() + "\" is listed twice");
      }
      out.add(spec);
    }
    return out;
  }

  private ApplyRequirements requirements(Node n) {
    Map<String, Node> m =
        y.mapping(
            n,
            "apply_requirements",
            Set.of(
                "approvals",
                "approvers",
                "mergeable",
                "status_checks",
                "not_draft",
                "dismiss_stale_approvals"));
    int approvals = m.containsKey("approvals") ? y.integer(m.get("approvals"), "approvals") : 0;
    if (approvals < 0) {
      throw y.error(m.get("approvals"), "approvals must be 0 or more");
    }
    return new ApplyRequirements(
        approvals,
        m.containsKey("approvers") ? y.strings(m.get("approvers"), "approvers") : List.of(),
        m.containsKey("mergeable") && y.bool(m.get("mergeable"), "mergeable"),
        m.containsKey("status_checks") && y.bool(m.get("status_checks"), "status_checks"),
        m.containsKey("not_draft") && y.bool(m.get("not_draft"), "not_draft"),
        !m.containsKey("dismiss_stale_approvals")
            || y.bool(m.get("dismiss_stale_approvals"), "dismiss_stale_approvals"));
  }

  private LockPolicy lockPolicy(Node n) {
    String v = y.string(n, "lock_policy");
    for (LockPolicy p : LockPolicy.values()) {
      if (p.word().equals(v)) {
        return p;
      }
    }
    throw y.error(n, "lock_policy must be strict, apply or none, not \"" + v + "\"");
  }

  private Hooks hooks(Node n) {
    Map<String, Node> m = y.mapping(n, "hooks", Set.of("plan", "apply"));
    List<List<String>> plan = stage(m.get("plan"), "hooks.plan");
    List<List<String>> apply = stage(m.get("apply"), "hooks.apply");
    return new Hooks(plan.get(0), plan.get(1), apply.get(0), apply.get(1));
  }

  private List<List<String>> stage(Node n, String what) {
    if (n == null) {
      return List.of(List.of(), List.of());
    }
    Map<String, Node> m = y.mapping(n, what, Set.of("before", "after"));
    return List.of(
        m.containsKey("before") ? y.strings(m.get("before"), what + ".before") : List.of(),
        m.containsKey("after") ? y.strings(m.get("after"), what + ".after") : List.of());
  }

  private DriftConfig drift(Node n) {
    Map<String, Node> m = y.mapping(n, "drift", Set.of("enabled", "schedule"));
    String schedule = null;
    if (m.containsKey("schedule")) {
      Node node = m.get("schedule");
      schedule = y.string(node, "drift.schedule").trim();
      try {
        DriftSchedule.parse(y.string(node, "drift.schedule"));
      } catch (DriftSchedule.Invalid e) {
        throw new InputException(scheduleErrorPos(node, e.offset()), e.getMessage());
      }
    }
    return new DriftConfig(
        !m.containsKey("enabled") || y.bool(m.get("enabled"), "drift.enabled"), schedule);
  }

  /** The position of a character of a one-line scalar (after its opening quote, if any). */
  private dev.strata.hcl.Pos scheduleErrorPos(Node n, int offset) {
    dev.strata.hcl.Pos p = y.pos(n);
    boolean quoted =
        n instanceof ScalarNode s
            && s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
    boolean oneLine = n.getStartMark().getLine() == n.getEndMark().getLine();
    return oneLine
        ? new dev.strata.hcl.Pos(p.file(), p.line(), p.column() + offset + (quoted ? 1 : 0))
        : p;
  }

  private StorageConfig storage(Node n) {
    Map<String, Node> m = y.mapping(n, "storage", Set.of("url", "dir"));
    if (m.containsKey("url") && m.containsKey("dir")) {
      throw y.error(n, "give storage either a url or a dir, not both");
    }
    String url = m.containsKey("url") ? y.string(m.get("url"), "storage.url") : null;
    if (url != null) {
      try {
        Secrets.check(url);
      } catch (InputException e) {
        throw y.error(m.get("url"), e.getMessage());
      }
      if (Secrets.hasLiteralPassword(url)) {
        throw y.error(
            m.get("url"),
            "storage.url has a password written in the file, which every reader of the"
                + " repository sees; use an environment variable instead, e.g."
                + " postgres://strata:${STATE_PASSWORD}@db.example.com/strata");
      }
    }
    return new StorageConfig(
        url, m.containsKey("dir") ? y.string(m.get("dir"), "storage.dir") : null);
  }

  private static String normaliseDir(String dir) {
    String d = dir.replace('\\', '/');
    while (d.startsWith("./")) {
      d = d.substring(2);
    }
    while (d.endsWith("/") && d.length() > 1) {
      d = d.substring(0, d.length() - 1);
    }
    return d.isEmpty() ? "." : d;
  }
}
