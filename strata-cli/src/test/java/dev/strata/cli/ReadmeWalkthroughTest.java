package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "GitOps in a minute" block exactly as written, with bash, in a directory laid
 * out like a clone ({@code strata} launcher and {@code examples/} next to it). The launcher here
 * runs the CLI from the test classpath instead of building it. The block must succeed end to end
 * and show the plan, the lock, the apply and the drift.
 */
class ReadmeWalkthroughTest {
  @TempDir Path tmp;

  @Test
  void theGitopsWalkthroughRunsAsWritten() throws Exception {
    assumeTrue(onPath("sqlite3") && onPath("git") && onPath("bash"), "needs bash, git and sqlite3");
    Path repoRoot = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(repoRoot.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- gitops-walkthrough:start -->");
    int end = readme.indexOf("<!-- gitops-walkthrough:end -->");
    assertTrue(start > 0 && end > start, "the README has the marked walk-through block");
    String block = readme.substring(start, end);
    block = block.substring(block.indexOf("```sh\n") + 6, block.lastIndexOf("```"));

    Path clone = tmp.resolve("clone");
    Files.createDirectories(clone);
    try (var files = Files.walk(repoRoot.resolve("examples"))) {
      for (Path f : files.toList()) {
        Path to = clone.resolve(repoRoot.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path launcher = clone.resolve("strata");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -XX:TieredStopAtLevel=1 -cp '"
            + System.getProperty("java.class.path")
            + "' dev.strata.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(
        launcher,
        Set.of(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
    Path script = tmp.resolve("walkthrough.sh");
    Files.writeString(script, "set -euo pipefail\n" + block);

    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(clone.toFile());
    pb.redirectErrorStream(true);
    pb.environment().put("GIT_AUTHOR_NAME", "Walk Through");
    pb.environment().put("GIT_AUTHOR_EMAIL", "walk@example.com");
    pb.environment().put("GIT_COMMITTER_NAME", "Walk Through");
    pb.environment().put("GIT_COMMITTER_EMAIL", "walk@example.com");
    pb.environment().put("STRATA_ACTOR", "newcomer");
    pb.environment().remove("DEV_DATABASE_URL");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
    assertEquals(0, p.exitValue(), out);
    for (String expected :
        List.of(
            "| db | dev | planned | 1 statement |",
            "CREATE TABLE users (",
            "db/dev  held by PR #1",
            "| db | dev | applied | 1 statement |",
            "table users gained column nickname",
            "drift found (exit 1)")) {
      assertTrue(out.contains(expected), "missing \"" + expected + "\" in:\n" + out);
    }
    assertEquals(
        List.of("id", "name", "is_admin", "nickname"),
        columns(clone.resolve("demo/dev.db"), "users"));
  }

  private static List<String> columns(Path db, String table) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement();
        var rs = st.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString("name"));
      }
      return out;
    }
  }

  private static boolean onPath(String cmd) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, cmd))) {
        return true;
      }
    }
    return false;
  }
}
