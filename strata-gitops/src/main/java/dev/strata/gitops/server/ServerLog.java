package dev.strata.gitops.server;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Where the server reports what it does (deliveries, rejections, handler failures). Callers only
 * pass texts without secrets: delivery ids, event names, repositories, error messages.
 */
@FunctionalInterface
public interface ServerLog {

  void info(String message);

  /** A log writing timestamped lines to {@code out}. */
  static ServerLog to(PrintStream out) {
    return message -> out.println(Instant.now() + " " + message);
  }

  /** A log that drops everything. */
  static ServerLog none() {
    return message -> {};
  }
}
