package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.StrataException;
import dev.strata.gitops.TestRepo;
import dev.strata.gitops.git.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static void push(TestRepo work, Path remote) throws Exception {
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/master"))
          .call();
    }
  }
}
