package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.StrataException;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.github.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's clone cache against a real bare repository. */
class RepoCacheTest {
  @TempDir Path dir;

  @Test
  void aRepositoryWhoseDefaultBranchIsMasterIsClonedAndCheckedOut() throws Exception {
    Path remote = dir.resolve("remotes/o/r.git");
    Git.init()
        .setBare(true)
        .setDirectory(remote.toFile())
        .setInitialBranch("master")
        .call()
        .close();
    try (TestRepo work = TestRepo.init(dir.resolve("work"))) {
      String first = work.write("a.txt", "one\n").commit("one");
      push(work, remote);
      RepoCache cache = new RepoCache(dir.resolve("cache"), dir.resolve("remotes").toUri());
      try (RepoCache.Lease lease = cache.checkout("o/r", null, 0, first)) {
        assertEquals("one\n", Files.readString(lease.workTree().resolve("a.txt")));
      }
      String second = work.write("a.txt", "two\n").commit("two");
      push(work, remote);
      try (RepoCache.Lease lease = cache.checkout("o/r", null, 0, "refs/remotes/origin/master")) {
        assertEquals("two\n", Files.readString(lease.workTree().resolve("a.txt")));
        try (GitRepo repo = GitRepo.open(lease.workTree())) {
          assertEquals(second, repo.resolve("master"));
        }
      }
      String unknown = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
      StrataException e =
          assertThrows(StrataException.class, () -> cache.checkout("o/r", null, 0, unknown));
      assertEquals(
          "commit " + unknown + " is not in o/r after fetching " + cache.remote("o/r"),
          e.getMessage());
      // the lock was released: the clone is usable again
      try (RepoCache.Lease lease = cache.checkout("o/r", null, 0, first)) {
        assertEquals("one\n", Files.readString(lease.workTree().resolve("a.txt")));
      }
    }
  }

  @Test
  void pullRequestsGetTheirOwnLockedWorkTreesFromOneTokenFreeMirror() throws Exception {
    Path remote = bare("o/r");
    Secret token = Secret.of("ghs_cache_token_7d21");
    try (TestRepo work = TestRepo.init(dir.resolve("work"))) {
      work.write("a.txt", "main\n").commit("main");
      work.branch("two");
      String two = work.write("a.txt", "two\n").commit("two");
      work.checkout("main").branch("three");
      String three = work.write("a.txt", "three\n").commit("three");
      push(
          work,
          remote,
          "+refs/heads/main:refs/heads/main",
          "+refs/heads/two:refs/pull/2/head",
          "+refs/heads/three:refs/pull/3/head");
      RepoCache cache = new RepoCache(dir.resolve("cache"), dir.resolve("remotes").toUri());

      RepoCache.Lease lease2 = cache.checkout("o/r", token, 2, two);
      // pull request 3 is checked out (and read) while 2 holds its own tree
      CompletableFuture<String> sameRepoOtherPr =
          CompletableFuture.supplyAsync(
              () -> {
                try (RepoCache.Lease lease3 = cache.checkout("o/r", token, 3, three);
                    GitRepo repo = GitRepo.open(lease3.workTree())) {
                  return lease3.workTree()
                      + " "
                      + Files.readString(lease3.workTree().resolve("a.txt")).trim()
                      + " "
                      + repo.resolve("refs/remotes/origin/pull/3");
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      assertEquals(
          cache.workTree("o/r", 3) + " three " + three, sameRepoOtherPr.get(30, TimeUnit.SECONDS));
      assertEquals("two\n", Files.readString(lease2.workTree().resolve("a.txt")));
      // a second event of pull request 2 waits for the first
      CompletableFuture<String> samePr =
          CompletableFuture.supplyAsync(
              () -> {
                try (RepoCache.Lease again = cache.checkout("o/r", token, 2, two)) {
                  return again.workTree()
                      + " "
                      + Files.readString(again.workTree().resolve("a.txt")).trim();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      assertThrows(TimeoutException.class, () -> samePr.get(1, TimeUnit.SECONDS));
      lease2.close();
      assertEquals(cache.workTree("o/r", 2) + " two", samePr.get(30, TimeUnit.SECONDS));

      // no clone stores the token: the mirror names the remote, a work tree the mirror
      String mirrorConfig = Files.readString(cache.mirror("o/r").resolve("config"));
      assertTrue(mirrorConfig.contains(cache.remote("o/r")), mirrorConfig);
      for (Path tree : List.of(cache.workTree("o/r", 2), cache.workTree("o/r", 3))) {
        String config = Files.readString(tree.resolve(".git/config"));
        assertTrue(config.contains(cache.mirror("o/r").toString()), config);
        assertFalse(config.contains(token.reveal()), config);
      }
      assertFalse(mirrorConfig.contains(token.reveal()), mirrorConfig);

      // a closed pull request's tree and mirrored head ref go
      assertTrue(cache.discard("o/r", 2));
      assertFalse(Files.exists(cache.workTree("o/r", 2)));
      assertTrue(Files.isDirectory(cache.workTree("o/r", 3)));
      try (Git mirror = Git.open(cache.mirror("o/r").toFile())) {
        assertEquals(
            three, mirror.getRepository().exactRef("refs/pull/3/head").getObjectId().name());
        assertNull(mirror.getRepository().exactRef("refs/pull/2/head"));
      }
      assertFalse(cache.discard("o/r", 2));
    }
  }

  @Test
  void beyondTheCapTheLeastRecentlyUsedIdleTreesAreRemoved() throws Exception {
    Path remote = bare("o/r");
    try (TestRepo work = TestRepo.init(dir.resolve("work"))) {
      String c = work.write("a.txt", "main\n").commit("main");
      push(work, remote, "+refs/heads/main:refs/heads/main");
      RepoCache cache = new RepoCache(dir.resolve("cache"), dir.resolve("remotes").toUri(), 2);
      for (int pr : new int[] {1, 2, 3}) {
        cache.checkout("o/r", null, pr, c).close();
        Thread.sleep(30);
      }
      assertFalse(Files.exists(cache.workTree("o/r", 1)));
      assertTrue(Files.isDirectory(cache.workTree("o/r", 2)));
      assertTrue(Files.isDirectory(cache.workTree("o/r", 3)));
      // a tree in use is kept even when it is the oldest
      try (RepoCache.Lease busy = cache.checkout("o/r", null, 2, c, 2)) {
        Files.setLastModifiedTime(
            busy.workTree(), java.nio.file.attribute.FileTime.fromMillis(1_000));
        cache.checkout("o/r", null, 4, c).close();
        assertTrue(Files.isDirectory(cache.workTree("o/r", 2)));
        assertFalse(Files.exists(cache.workTree("o/r", 3)));
        assertTrue(Files.isDirectory(cache.workTree("o/r", 4)));
      }
      // the default tree does not count
      cache.checkout("o/r", null, 0, c).close();
      assertTrue(Files.isDirectory(cache.workTree("o/r", 0)));
    }
  }

  private Path bare(String repo) throws Exception {
    Path remote = dir.resolve("remotes/" + repo + ".git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    return remote;
  }

  private static void push(TestRepo work, Path remote, String... specs) throws Exception {
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(java.util.Arrays.stream(specs).map(RefSpec::new).toList())
          .call();
    }
  }

  private static void push(TestRepo work, Path remote) throws Exception {
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/master"))
          .call();
    }
  }
}
