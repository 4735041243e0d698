package dev.strata.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository on disk for tests: write files, commit, branch and merge with JGit. */
public final class TestRepo implements AutoCloseable {
  private final Git git;
  private final Path dir;
  private final PersonIdent who = new PersonIdent("Test", "test@example.com");

  private TestRepo(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  /** A new repository in {@code dir} on branch {@code main}. */
  public static TestRepo init(Path dir) throws GitAPIException {
    return new TestRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
  }

  public Path dir() {
    return dir;
  }

  /** Writes a file of the work tree. */
  public TestRepo write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return this;
  }

  /** Stages everything (including deletions) and commits; returns the SHA. */
  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    return c.name();
  }

  /** Creates branch {@code name} at the current commit and checks it out. */
  public TestRepo branch(String name) throws GitAPIException {
    git.checkout().setCreateBranch(true).setName(name).call();
    return this;
  }

  public TestRepo checkout(String name) throws GitAPIException {
    git.checkout().setName(name).call();
    return this;
  }

  /** Merges {@code branch} into main with a merge commit; returns the merge commit's SHA. */
  public String merge(String branch) throws Exception {
    checkout("main");
    var result =
        git.merge()
            .include(git.getRepository().resolve(branch))
            .setFastForward(MergeCommand.FastForwardMode.NO_FF)
            .setMessage("Merge " + branch)
            .call();
    if (!result.getMergeStatus().isSuccessful()) {
      throw new IllegalStateException("merge failed: " + result);
    }
    return git.getRepository().resolve("HEAD").name();
  }

  @Override
  public void close() {
    git.close();
  }
}
