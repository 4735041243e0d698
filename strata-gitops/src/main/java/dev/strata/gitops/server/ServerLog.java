package dev.strata.gitops.server;

import dev.strata.dialect.DbUrl;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Where the server reports what it does (deliveries, rejections, handler failures). Callers only
 * pass texts without secrets: delivery ids, event names, repositories, error messages.
 */
@FunctionalInterface
public interface ServerLog {

  void info(String message);

  /**
   * A log writing timestamped lines to {@code out}, with passwords in database URLs masked as a
   * last line of defence (an error message from a driver or a hook may quote a URL).
   */
  static ServerLog to(PrintStream out) {
    return message -> out.println(Instant.now() + " " + DbUrl.mask(message));
  }

  /** A log that drops everything. */
  static ServerLog none() {
    return message -> {};
  }
}
