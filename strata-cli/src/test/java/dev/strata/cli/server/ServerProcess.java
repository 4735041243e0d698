package dev.strata.cli.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code strata server} as a separate JVM ({@code java -cp <test classpath> dev.strata.cli.Main
 * server --port 0}), its output in a file, for tests that kill it for real.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  final Process process;
  final Path log;
  final int port;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the server with {@code env} added to this JVM's environment; waits until it listens. */
  static ServerProcess start(Map<String, String> env, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.strata.cli.Main",
                "server",
                "--port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Matcher m = LISTENING.matcher(read(log));
      if (m.find()) {
        return new ServerProcess(p, log, Integer.parseInt(m.group(1)));
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("strata server did not start:\n" + read(log));
      }
      Thread.sleep(50);
    }
  }

  static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  String output() throws IOException {
    return read(log);
  }

  /** SIGKILL: no shutdown hook runs, nothing is cleaned up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
