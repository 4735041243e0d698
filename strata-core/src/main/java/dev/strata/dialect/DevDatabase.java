package dev.strata.dialect;

import java.sql.Connection;

/**
 * A scratch database that lives as long as this object: desired-state SQL runs on it and it is
 * inspected. {@link #close()} drops whatever was created for it.
 */
public interface DevDatabase extends AutoCloseable {
  Connection connection();

  /** The dev database's URL, for messages (password masked by DbUrl). */
  DbUrl url();

  @Override
  void close();
}
