package dev.strata.gitops.git;

import dev.strata.InputException;
import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A git repository read through JGit from its objects, never from the working tree: commits are
 * resolved from refs or SHAs, changed paths come from comparing trees, and files are read (or
 * written out to a scratch directory) as they are in a given commit.
 */
public final class GitRepo implements AutoCloseable {
  private final Repository repo;

  private GitRepo(Repository repo) {
    this.repo = repo;
  }

  /** Opens the repository containing {@code dir} (its work tree or its {@code .git}). */
  public static GitRepo open(Path dir) {
    try {
      FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment();
      b.findGitDir(dir.toAbsolutePath().toFile());
      if (b.getGitDir() == null) {
        throw new InputException("not a git repository (or any parent): " + dir);
      }
      return new GitRepo(b.build());
    } catch (IOException e) {
      throw new StrataException("opening git repository at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The {@code .git} directory. */
  public Path gitDir() {
    return repo.getDirectory().toPath();
  }

  /** The work tree, or the git directory's parent for a bare repository. */
  public Path workTree() {
    return repo.isBare() ? gitDir().getParent() : repo.getWorkTree().toPath();
  }

  /** The full SHA of the commit a ref, SHA or expression ({@code main~1}) names. */
  public String resolve(String ref) {
    try {
      ObjectId id = repo.resolve(ref + "^{commit}");
      if (id == null) {
        throw new InputException("git: no commit named \"" + ref + "\" in " + workTree());
      }
      return id.name();
    } catch (IOException e) {
      throw new StrataException("git: resolving " + ref + ": " + e.getMessage(), e);
    }
  }

  /**
   * The tip of branch {@code name}: the local branch, else its remote-tracking branch {@code
   * origin/NAME}, which is often all a CI checkout of a pull request has.
   */
  public Optional<String> tryResolveBranch(String name) {
    return tryResolve(name).or(() -> tryResolve("origin/" + name));
  }

  /** The SHA of {@code ref} if it names a commit, else empty. */
  public Optional<String> tryResolve(String ref) {
    try {
      ObjectId id = repo.resolve(ref + "^{commit}");
      return Optional.ofNullable(id).map(ObjectId::name);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The paths added, modified, deleted or renamed (both names) between the merge base of {@code
   * base} and {@code head}, and {@code head}: what a pull request from head into base changes.
   */
  public Set<String> changedPaths(String base, String head) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit h = walk.parseCommit(ObjectId.fromString(head));
      RevCommit b = walk.parseCommit(ObjectId.fromString(base));
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(h);
      walk.markStart(b);
      RevCommit mergeBase = walk.next();
      try (TreeWalk tw = new TreeWalk(repo)) {
        tw.setRecursive(true);
        if (mergeBase == null) {
          tw.addTree(new EmptyTreeIterator());
        } else {
          tw.addTree(walk.parseCommit(mergeBase).getTree());
        }
        tw.addTree(h.getTree());
        Set<String> out = new LinkedHashSet<>();
        for (DiffEntry d : DiffEntry.scan(tw)) {
          if (!d.getOldPath().equals(DiffEntry.DEV_NULL)) {
            out.add(d.getOldPath());
          }
          if (!d.getNewPath().equals(DiffEntry.DEV_NULL)) {
            out.add(d.getNewPath());
          }
        }
        return out;
      }
    } catch (IOException e) {
      throw new StrataException(
          "git: comparing " + base + " and " + head + ": " + e.getMessage(), e);
    }
  }

  /** The text of {@code path} in {@code commit}, or empty when the commit has no such file. */
  public Optional<String> read(String commit, String path) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
        if (tw == null) {
          return Optional.empty();
        }
        byte[] bytes = repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes();
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new StrataException(
          "git: reading " + path + " at " + commit + ": " + e.getMessage(), e);
    }
  }

  /** Every file path in {@code commit} accepted by {@code filter}, in tree order. */
  public List<String> files(String commit, Predicate<String> filter) {
    List<String> out = new ArrayList<>();
    walk(
        commit,
        null,
        (path, id, reader) -> {
          if (filter.test(path)) {
            out.add(path);
          }
        });
    return out;
  }

  /**
   * Writes the files under {@code dir} ("." for everything) as they are in {@code commit} into
   * {@code target}, keeping their relative paths.
   */
  public void materialise(String commit, String dir, Path target) {
    String prefix = dir.equals(".") ? null : dir;
    walk(
        commit,
        prefix,
        (path, id, reader) -> {
          Path out = target.resolve(path);
          Files.createDirectories(out.getParent());
          Files.write(out, reader.open(id, Constants.OBJ_BLOB).getBytes());
        });
  }

  /** Whether {@code ancestor} is reachable from {@code commit} (true when they are equal). */
  public boolean isAncestor(String ancestor, String commit) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(
          walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(commit)));
    } catch (IOException e) {
      throw new StrataException("git: " + e.getMessage(), e);
    }
  }

  /**
   * The paths that would conflict if {@code head} were merged into {@code base}; empty when the
   * merge is clean. The merge is simulated on the commit objects (JGit's recursive merge, in core):
   * no working tree, index or ref changes; only unreachable objects are written.
   */
  public List<String> mergeConflicts(String base, String head) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit b = walk.parseCommit(ObjectId.fromString(base));
      RevCommit h = walk.parseCommit(ObjectId.fromString(head));
      // In core: no work tree, index or ref is touched. The merged blobs and trees are written
      // as unreachable objects (as any test merge does); git gc removes them.
      ResolveMerger m = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
      if (m.merge(b, h)) {
        return List.of();
      }
      Set<String> out = new LinkedHashSet<>(m.getUnmergedPaths());
      if (m.getFailingPaths() != null) {
        out.addAll(m.getFailingPaths().keySet());
      }
      return out.isEmpty() ? List.of("(the merge failed)") : List.copyOf(out);
    } catch (IOException | RuntimeException e) {
      throw new StrataException(
          "git: simulating the merge of "
              + shortSha(head)
              + " into "
              + shortSha(base)
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
  }

  /** The parents of a commit, the merged branch (second parent) first for a merge. */
  public List<String> parents(String commit) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      List<String> out = new ArrayList<>();
      for (int i = c.getParentCount() - 1; i >= 0; i--) {
        out.add(c.getParent(i).name());
      }
      return out;
    } catch (IOException e) {
      throw new StrataException("git: " + e.getMessage(), e);
    }
  }

  /** Visits one blob of a tree walk. */
  private interface BlobVisitor {
    void visit(String path, ObjectId id, ObjectReader reader) throws IOException;
  }

  private void walk(String commit, String prefix, BlobVisitor visitor) {
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        TreeWalk tw = new TreeWalk(repo, reader)) {
      tw.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
      tw.setRecursive(true);
      if (prefix != null) {
        tw.setFilter(PathFilter.create(prefix));
      }
      while (tw.next()) {
        if (tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          visitor.visit(tw.getPathString(), tw.getObjectId(0), reader);
        }
      }
    } catch (IOException e) {
      throw new StrataException("git: reading the tree of " + commit + ": " + e.getMessage(), e);
    }
  }

  /** The URL of the {@code origin} remote, or empty when there is none. */
  public Optional<String> originUrl() {
    return Optional.ofNullable(repo.getConfig().getString("remote", "origin", "url"));
  }

  /** A SHA shortened for people. */
  public static String shortSha(String sha) {
    return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
  }

  @Override
  public void close() {
    repo.close();
  }
}
