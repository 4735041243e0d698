package dev.strata.gitops.server;

import dev.strata.StrataException;
import dev.strata.gitops.github.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Local clones of the repositories the server works on, one per {@code owner/name} under a cache
 * directory, fetched with JGit over HTTPS with the installation token ({@code x-access-token}) and
 * kept between events. A clone is used by one event at a time: {@link #checkout} returns a {@link
 * Lease} that holds the repository's lock until closed, so the work tree stays at the checked-out
 * commit while a plan or apply reads it. The token is never stored in the clone's config.
 */
public final class RepoCache {
  private static final String HEADS = "+refs/heads/*:refs/remotes/origin/*";

  private final Path root;
  private final URI gitBase;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * {@code gitBase} is where repositories live: {@code https://github.com} (a repository is {@code
   * gitBase/owner/name.git}), or any URL JGit can fetch from, such as {@code file:///srv/git}.
   */
  public RepoCache(Path root, URI gitBase) {
    this.root = root.toAbsolutePath();
    this.gitBase = gitBase;
  }

  /** A checked-out clone, locked until closed. */
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

  /**
   * Fetches {@code repo} (cloning it the first time) with its branches and, when {@code pr} > 0,
   * the pull request's head ref, then checks out {@code commit} (detached). Throws when the commit
   * cannot be found after fetching.
   */
  public Lease checkout(String repo, Secret token, int pr, String commit) {
    ReentrantLock lock = locks.computeIfAbsent(repo, r -> new ReentrantLock());
    lock.lock();
    try {
      Path dir = root.resolve(repo.replace('/', '_'));
      CredentialsProvider creds =
          token == null
              ? null
              : new UsernamePasswordCredentialsProvider("x-access-token", token.reveal());
      try (Git git = open(dir, repo)) {
        fetch(git, creds, pr);
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

  private Git open(Path dir, String repo) throws IOException, GitAPIException {
    if (Files.isDirectory(dir.resolve(".git"))) {
      return Git.open(dir.toFile());
    }
    Files.createDirectories(dir);
    Git git = Git.init().setDirectory(dir.toFile()).call();
    var config = git.getRepository().getConfig();
    config.setString("remote", "origin", "url", remote(repo));
    config.setString("remote", "origin", "fetch", HEADS);
    config.save();
    return git;
  }

  private static void fetch(Git git, CredentialsProvider creds, int pr) throws GitAPIException {
    List<RefSpec> specs =
        pr > 0
            ? List.of(
                new RefSpec(HEADS),
                new RefSpec("+refs/pull/" + pr + "/head:refs/remotes/origin/pull/" + pr))
            : List.of(new RefSpec(HEADS));
    try {
      git.fetch().setRemote("origin").setRefSpecs(specs).setCredentialsProvider(creds).call();
    } catch (GitAPIException e) {
      if (pr <= 0) {
        throw e;
      }
      // Not every remote has pull refs (a plain bare repository): the branches are enough.
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec(HEADS))
          .setCredentialsProvider(creds)
          .call();
    }
  }

  /**
   * Points a local branch at each fetched remote branch (HEAD stays detached), so the config's
   * {@code default_branch} resolves by name, as in the runner's own checkout.
   */
  private static void mirrorBranches(Git git) throws IOException {
    String prefix = "refs/remotes/origin/";
    for (Ref r : git.getRepository().getRefDatabase().getRefsByPrefix(prefix)) {
      String name = r.getName().substring(prefix.length());
      if (name.startsWith("pull/") || name.equals("HEAD")) {
        continue;
      }
      RefUpdate u = git.getRepository().updateRef("refs/heads/" + name);
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
