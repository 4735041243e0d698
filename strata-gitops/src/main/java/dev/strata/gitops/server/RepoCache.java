package dev.strata.gitops.server;

import dev.strata.StrataException;
import dev.strata.gitops.github.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Local copies of the repositories the server works on, under a cache directory. Each repository
 * {@code owner/name} has one bare <em>mirror</em> ({@code owner_name.git}), fetched with JGit over
 * HTTPS with the installation token ({@code x-access-token}), and several <em>work trees</em>
 * ({@code owner_name.trees/pr-N}, one per pull request, and {@code owner_name.trees/default} for
 * default-branch work: pushes, drift), each a clone of the local mirror.
 *
 * <p>{@link #checkout} takes the work tree's lock (one per repository and pull request), then the
 * mirror's lock only while the mirror is fetched from the remote and the work tree from the mirror,
 * then checks the commit out and returns a {@link Lease} that holds the work tree's lock until
 * closed. So one pull request's events never share a work tree at the same time, while pull
 * requests of the same repository run side by side (bounded by the caller's threads). The token is
 * never stored in any config: the mirror's remote is the plain URL, a work tree's remote the
 * mirror's path. A closed pull request's work tree is removed with {@link #discard}; beyond {@code
 * maxTrees} pull-request trees per repository the least recently used idle ones are removed too.
 */
public final class RepoCache {
  /** Pull-request work trees kept per repository by default. */
  public static final int DEFAULT_MAX_TREES = 32;

  private static final String HEADS = "+refs/heads/*:refs/remotes/origin/*";

  private final Path root;
  private final URI gitBase;
  private final int maxTrees;
  private final Map<String, ReentrantLock> mirrorLocks = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> treeLocks = new ConcurrentHashMap<>();

  /**
   * {@code gitBase} is where repositories live: {@code https://github.com} (a repository is {@code
   * gitBase/owner/name.git}), or any URL JGit can fetch from, such as {@code file:///srv/git}.
   */
  public RepoCache(Path root, URI gitBase) {
    this(root, gitBase, DEFAULT_MAX_TREES);
  }

  /** As {@link #RepoCache(Path, URI)}, keeping at most {@code maxTrees} pull-request trees. */
  public RepoCache(Path root, URI gitBase, int maxTrees) {
    if (maxTrees < 1) {
      throw new IllegalArgumentException("maxTrees must be at least 1");
    }
    this.root = root.toAbsolutePath();
    this.gitBase = gitBase;
    this.maxTrees = maxTrees;
  }

  /** A checked-out work tree, locked until closed. */
  public record Lease(Path workTree, ReentrantLock lock) implements AutoCloseable {
    @Override
    public void close() {
      lock.unlock();
    }
  }

  /** The remote URL of {@code owner/name}. */
  public String remote(String repo) {
    String base = gitBase.toString().replaceAll("/+$", "");
    return base + "/" + repo + ".git";
  }

  /** The bare mirror of {@code repo}. */
  public Path mirror(String repo) {
    return root.resolve(repo.replace('/', '_') + ".git");
  }

  /** The work tree of {@code repo} for pull request {@code pr}, or the default one when 0. */
  public Path workTree(String repo, int pr) {
    return trees(repo).resolve(pr > 0 ? "pr-" + pr : "default");
  }

  private Path trees(String repo) {
    return root.resolve(repo.replace('/', '_') + ".trees");
  }

  private ReentrantLock treeLock(String repo, int pr) {
    return treeLocks.computeIfAbsent(repo + "#" + Math.max(0, pr), k -> new ReentrantLock());
  }

  /**
   * Fetches {@code repo} into its mirror (cloning it the first time) with its branches and, when
   * {@code pr} > 0, the pull request's head ref; brings the pull request's work tree (or the
   * default one) up to date from the mirror and checks out {@code commit} (detached). Throws when
   * the commit cannot be found after fetching.
   */
  public Lease checkout(String repo, Secret token, int pr, String commit) {
    return checkout(repo, token, pr, commit, pr);
  }

  /**
   * As {@link #checkout(String, Secret, int, String)}, in the work tree of pull request {@code
   * tree} (the default one when 0) while fetching pull request {@code pr}'s head ref: a merge is
   * default-branch work, so it shares the default tree (and its order) with pushes and drift.
   */
  public Lease checkout(String repo, Secret token, int pr, String commit, int tree) {
    ReentrantLock lock = treeLock(repo, tree);
    lock.lock();
    try {
      CredentialsProvider creds =
          token == null
              ? null
              : new UsernamePasswordCredentialsProvider("x-access-token", token.reveal());
      Path dir = workTree(repo, tree);
      ReentrantLock mirrorLock = mirrorLocks.computeIfAbsent(repo, r -> new ReentrantLock());
      mirrorLock.lock();
      try (Git mirror = openMirror(repo)) {
        boolean pull = fetchMirror(mirror, creds, pr);
        try (Git work = openTree(dir, repo)) {
          fetchTree(work, pr, pull);
        }
      } finally {
        mirrorLock.unlock();
      }
      try (Git git = Git.open(dir.toFile())) {
        ObjectId id;
        try {
          id = git.getRepository().resolve(commit + "^{commit}");
        } catch (MissingObjectException e) {
          id = null; // a full hash that names no object here
        }
        if (id == null) {
          throw new StrataException(
              "commit " + commit + " is not in " + repo + " after fetching " + remote(repo));
        }
        // Detach first, then mirror: a new clone's HEAD is the unborn branch "master", and moving
        // that branch while HEAD still names it would leave an empty index under a full commit,
        // which the checkout then takes for deleted files (repositories whose default is master).
        git.checkout().setName(id.name()).setForced(true).call();
        mirrorBranches(git);
      }
      Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
      if (tree > 0) {
        prune(repo, tree);
      }
      return new Lease(dir, lock);
    } catch (IOException | GitAPIException | RuntimeException e) {
      lock.unlock();
      if (e instanceof StrataException se) {
        throw se;
      }
      throw new StrataException(
          "fetching " + repo + " from " + remote(repo) + ": " + mask(e.getMessage(), token), e);
    }
  }

  /**
   * Removes the work tree of pull request {@code pr} (waiting for an event still using it) and its
   * head ref in the mirror. Returns whether there was a work tree.
   */
  public boolean discard(String repo, int pr) {
    if (pr <= 0) {
      throw new IllegalArgumentException("only a pull request's work tree is discarded");
    }
    ReentrantLock lock = treeLock(repo, pr);
    lock.lock();
    try {
      Path dir = workTree(repo, pr);
      boolean existed = Files.isDirectory(dir);
      deleteTree(dir);
      ReentrantLock mirrorLock = mirrorLocks.computeIfAbsent(repo, r -> new ReentrantLock());
      mirrorLock.lock();
      try {
        if (Files.isDirectory(mirror(repo))) {
          try (Git mirror = Git.open(mirror(repo).toFile())) {
            RefUpdate u = mirror.getRepository().updateRef("refs/pull/" + pr + "/head");
            u.setForceUpdate(true);
            u.delete();
          }
        }
      } finally {
        mirrorLock.unlock();
      }
      return existed;
    } catch (IOException e) {
      throw new StrataException("removing the work tree of " + repo + "#" + pr + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** Removes the least recently used idle pull-request trees beyond {@code maxTrees}. */
  private void prune(String repo, int current) throws IOException {
    List<Path> prTrees = new ArrayList<>();
    try (Stream<Path> s = Files.list(trees(repo))) {
      s.filter(p -> p.getFileName().toString().matches("pr-\\d+")).forEach(prTrees::add);
    }
    if (prTrees.size() <= maxTrees) {
      return;
    }
    prTrees.sort(Comparator.comparing(RepoCache::lastUsed));
    int excess = prTrees.size() - maxTrees;
    for (Path p : prTrees) {
      if (excess == 0) {
        return;
      }
      int pr = Integer.parseInt(p.getFileName().toString().substring(3));
      if (pr == current) {
        continue;
      }
      ReentrantLock other = treeLock(repo, pr);
      // isLocked first: a lock this thread holds would be re-entered by tryLock
      if (!other.isLocked() && other.tryLock()) {
        try {
          deleteTree(p);
          excess--;
        } finally {
          other.unlock();
        }
      }
    }
  }

  private static FileTime lastUsed(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Git openMirror(String repo) throws IOException, GitAPIException {
    Path dir = mirror(repo);
    if (Files.isRegularFile(dir.resolve("config"))) {
      return Git.open(dir.toFile());
    }
    Files.createDirectories(dir);
    Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call();
    var config = git.getRepository().getConfig();
    config.setString("remote", "origin", "url", remote(repo));
    config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/heads/*");
    config.save();
    return git;
  }

  private Git openTree(Path dir, String repo) throws IOException, GitAPIException {
    if (Files.isDirectory(dir.resolve(".git"))) {
      return Git.open(dir.toFile());
    }
    Files.createDirectories(dir);
    Git git = Git.init().setDirectory(dir.toFile()).call();
    var config = git.getRepository().getConfig();
    config.setString("remote", "origin", "url", mirror(repo).toString());
    config.setString("remote", "origin", "fetch", HEADS);
    config.save();
    return git;
  }

  /**
   * Fetches the remote's branches into the mirror and, for a pull request, its head ref. Returns
   * whether the mirror has the pull request's head ref.
   */
  private static boolean fetchMirror(Git git, CredentialsProvider creds, int pr)
      throws GitAPIException, IOException {
    RefSpec heads = new RefSpec("+refs/heads/*:refs/heads/*");
    List<RefSpec> specs =
        pr > 0
            ? List.of(heads, new RefSpec("+refs/pull/" + pr + "/head:refs/pull/" + pr + "/head"))
            : List.of(heads);
    try {
      git.fetch().setRemote("origin").setRefSpecs(specs).setCredentialsProvider(creds).call();
    } catch (GitAPIException e) {
      if (pr <= 0) {
        throw e;
      }
      // Not every remote has pull refs (a plain bare repository): the branches are enough.
      git.fetch().setRemote("origin").setRefSpecs(heads).setCredentialsProvider(creds).call();
    }
    return pr > 0 && git.getRepository().exactRef("refs/pull/" + pr + "/head") != null;
  }

  /** Fetches the mirror's branches (and the pull request's head ref) into a work tree. */
  private static void fetchTree(Git git, int pr, boolean pull) throws GitAPIException {
    List<RefSpec> specs =
        pull
            ? List.of(
                new RefSpec(HEADS),
                new RefSpec("+refs/pull/" + pr + "/head:refs/remotes/origin/pull/" + pr))
            : List.of(new RefSpec(HEADS));
    git.fetch().setRemote("origin").setRefSpecs(specs).setRemoveDeletedRefs(false).call();
  }

  /**
   * Points a local branch at each fetched remote branch (HEAD stays detached), so the config's
   * {@code default_branch} resolves by name, as in the runner's own checkout.
   */
  private static void mirrorBranches(Git git) throws IOException {
    String prefix = "refs/remotes/origin/";
    Repository repository = git.getRepository();
    for (Ref r : repository.getRefDatabase().getRefsByPrefix(prefix)) {
      String name = r.getName().substring(prefix.length());
      if (name.startsWith("pull/") || name.equals("HEAD")) {
        continue;
      }
      RefUpdate u = repository.updateRef("refs/heads/" + name);
      u.setNewObjectId(r.getObjectId());
      u.setForceUpdate(true);
      u.update();
    }
  }

  /** {@code text} with {@code secret} replaced by a mask. */
  static String mask(String text, Secret secret) {
    if (text == null || secret == null) {
      return text;
    }
    return text.replace(secret.reveal(), "****");
  }
}
