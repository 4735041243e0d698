package dev.strata.gitops.run;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.gitops.config.ConfigLoader;
import dev.strata.gitops.config.FilePatterns;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.config.GitopsConfig.EnvSpec;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.git.GitRepo;
import dev.strata.hcl.Ast;
import dev.strata.hcl.HclParser;
import dev.strata.project.Env;
import dev.strata.project.Project;
import dev.strata.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A repository seen at given commits: its config, its projects, which of them a change touches, and
 * each project's environments loaded from the commit's objects. A project's directory is written
 * out to a scratch directory so the existing loaders read its schema files as committed; database
 * URLs are resolved against the work tree instead, so that a relative SQLite path names the
 * runner's file and not a scratch copy.
 */
public final class Workspace implements AutoCloseable {
  /** The project file every project directory holds. */
  public static final String PROJECT_FILE = "strata.hcl";

  private final GitRepo git;
  private final Map<String, String> env;
  private final List<Path> scratch = new ArrayList<>();

  /** {@code env} is the process environment ({@code getenv()} in project files, hooks). */
  public Workspace(GitRepo git, Map<String, String> env) {
    this.git = git;
    this.env = Map.copyOf(env);
  }

  public GitRepo git() {
    return git;
  }

  public Map<String, String> env() {
    return env;
  }

  /** The config at {@code commit}; the defaults when the commit has no config file. */
  public GitopsConfig config(String commit) {
    return git.read(commit, ConfigLoader.PATH)
        .map(text -> ConfigLoader.parse(text, ConfigLoader.PATH))
        .orElse(GitopsConfig.DEFAULT);
  }

  /** The projects at {@code commit}: listed in the config, or every dir with a strata.hcl. */
  public List<ProjectSpec> projects(String commit, GitopsConfig config) {
    if (!config.discoverProjects()) {
      return config.projects();
    }
    List<ProjectSpec> out = new ArrayList<>();
    for (String f :
        git.files(commit, p -> p.equals(PROJECT_FILE) || p.endsWith("/" + PROJECT_FILE))) {
      String dir =
          f.equals(PROJECT_FILE) ? "." : f.substring(0, f.length() - PROJECT_FILE.length() - 1);
      if (!dir.startsWith(".strata")) {
        out.add(ProjectSpec.discovered(dir));
      }
    }
    return out;
  }

  /**
   * The projects whose file patterns match a path changed between base and head. A project with the
   * default patterns also matches the files and directories its envs' {@code src} reference at
   * {@code commit}, inside or outside its directory ({@code file://../shared/schema.hcl}).
   */
  public List<ProjectSpec> affected(
      List<ProjectSpec> projects, Set<String> changed, String commit) {
    return projects.stream()
        .filter(
            p -> {
              List<String> patterns = new ArrayList<>(p.filePatterns());
              if (p.filePatterns().equals(ProjectSpec.DEFAULT_PATTERNS)) {
                for (String ref : referencedPaths(commit, p)) {
                  patterns.add(ref);
                  patterns.add(ref + "/**");
                }
              }
              FilePatterns fp = FilePatterns.of(patterns, p.dir());
              return changed.stream().anyMatch(fp::matches);
            })
        .toList();
  }

  /**
   * The repository paths (files or directories) the envs of a project reference in {@code src} at
   * {@code commit}, outside the project directory; empty when the project file cannot be read (the
   * plan reports that). {@code getenv} is answered with a placeholder: only paths matter here.
   */
  List<String> referencedPaths(String commit, ProjectSpec spec) {
    String file = spec.dir().equals(".") ? PROJECT_FILE : spec.dir() + "/" + PROJECT_FILE;
    Optional<String> text = git.read(commit, file);
    if (text.isEmpty()) {
      return List.of();
    }
    Path root = Path.of("/").toAbsolutePath().resolve("strata-repository-root");
    Map<String, String> anyVariable =
        new AbstractMap<>() {
          @Override
          public Set<Entry<String, String>> entrySet() {
            return Set.of();
          }

          @Override
          public String get(Object key) {
            return "placeholder";
          }
        };
    Project p;
    try {
      p =
          new ProjectLoader(Map.of(), anyVariable)
              .decode(HclParser.parse(text.get(), file), root.resolve(spec.dir()).normalize());
    } catch (StrataException e) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Env e : p.envs().values()) {
      for (String src : e.src()) {
        String rel = repoPath(src, root);
        if (rel != null && !inside(rel, spec.dir())) {
          out.add(rel);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The repository path of a resolved {@code file://} source under {@code root}, else null. */
  private static String repoPath(String src, Path root) {
    if (!src.startsWith("file://")) {
      return null;
    }
    Path p = Path.of(src.substring("file://".length())).normalize();
    if (!p.startsWith(root)) {
      return null;
    }
    String rel = root.relativize(p).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
  }

  private static boolean inside(String path, String dir) {
    return dir.equals(".") || path.equals(dir) || path.startsWith(dir + "/");
  }

  /**
   * The environments of a project at {@code commit}, in the order they are applied: the config's
   * list (checked against the project file), or every env of the project file in its order.
   */
  public List<Target> targets(String commit, ProjectSpec spec) {
    String file = spec.dir().equals(".") ? PROJECT_FILE : spec.dir() + "/" + PROJECT_FILE;
    String text =
        git.read(commit, file)
            .orElseThrow(
                () ->
                    new InputException(
                        "project \""
                            + spec.name()
                            + "\": no "
                            + file
                            + " at commit "
                            + GitRepo.shortSha(commit)));
    Path copy = materialise(commit, spec.dir());
    Ast.Body body = HclParser.parse(text, file);
    ProjectLoader loader = new ProjectLoader(Map.of(), env);
    Project committed = loader.decode(body, copy.resolve(spec.dir()).normalize());
    materialiseSources(commit, spec, file, committed, copy);
    Project live = loader.decode(body, git.workTree().resolve(spec.dir()).normalize());
    List<EnvSpec> envs = spec.envs();
    if (envs.isEmpty()) {
      envs = committed.envs().keySet().stream().map(n -> new EnvSpec(n, List.of())).toList();
    }
    List<Target> out = new ArrayList<>();
    for (EnvSpec e : envs) {
      if (!committed.envs().containsKey(e.name())) {
        throw new InputException(
            ConfigLoader.PATH
                + ": project \""
                + spec.name()
                + "\" lists env \""
                + e.name()
                + "\", but "
                + file
                + " has no env \""
                + e.name()
                + "\" (has: "
                + String.join(", ", committed.envs().keySet())
                + ")");
      }
      Env src = committed.env(e.name());
      Env withUrl = src.withUrls(live.env(e.name()).url(), live.env(e.name()).dev());
      out.add(
          new Target(
              spec.name(), spec.dir(), withUrl, e.after(), committed.lint(), committed.diff()));
    }
    return out;
  }

  /**
   * Writes out the schema files the envs reference outside the project directory, as committed, so
   * that they are read from {@code commit} and not from the work tree. A reference that leaves the
   * repository, or names nothing at {@code commit}, is an error.
   */
  private void materialiseSources(
      String commit, ProjectSpec spec, String file, Project committed, Path copy) {
    Path root = copy.toAbsolutePath().normalize();
    Set<String> done = new java.util.HashSet<>();
    for (Env e : committed.envs().values()) {
      for (String src : e.src()) {
        if (!src.startsWith("file://")) {
          continue;
        }
        Path p = Path.of(src.substring("file://".length())).normalize();
        String where = file + ": env \"" + e.name() + "\": src ";
        if (!p.startsWith(root)) {
          throw new InputException(
              where
                  + "names a path outside the repository ("
                  + root.resolve(spec.dir()).relativize(p).toString().replace('\\', '/')
                  + "); schema files must be committed in the repository");
        }
        String rel = repoPath(src, root);
        if (inside(rel, spec.dir()) || !done.add(rel)) {
          continue;
        }
        git.materialise(commit, rel, copy);
        if (!Files.exists(p)) {
          throw new InputException(
              where
                  + "names "
                  + rel
                  + ", which is not in commit "
                  + GitRepo.shortSha(commit)
                  + " (is it committed?)");
        }
      }
    }
  }

  private Path materialise(String commit, String dir) {
    try {
      Path tmp = Files.createTempDirectory("strata-gitops-");
      scratch.add(tmp);
      git.materialise(commit, dir, tmp);
      return tmp;
    } catch (IOException e) {
      throw new StrataException("creating a scratch directory: " + e.getMessage(), e);
    }
  }

  /** Deletes the scratch copies. */
  @Override
  public void close() {
    for (Path p : scratch) {
      try (Stream<Path> s = Files.walk(p)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temp directory is harmless
      }
    }
    scratch.clear();
  }
}
