package dev.strata.gitops.store;

import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.gitops.config.GitopsConfig.StorageConfig;
import dev.strata.gitops.config.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Opens the state store a config names: its URL with {@code ${VAR}} references resolved from the
 * environment at this moment (never kept), or the embedded SQLite file {@code state.db} in the
 * configured directory (relative to the work tree) or, by default, in {@code .git/strata}.
 */
public final class Stores {
  private Stores() {}

  /** Opens (creating when needed) the store of {@code storage}. */
  public static JdbcStateStore open(
      StorageConfig storage, Path gitDir, Path workTree, Map<String, String> env) {
    String raw;
    if (storage.url() != null) {
      raw = Secrets.resolve(storage.url(), env, "storage.url");
    } else {
      Path dir = storage.dir() == null ? gitDir.resolve("strata") : workTree.resolve(storage.dir());
      try {
        Files.createDirectories(dir);
      } catch (java.io.IOException e) {
        throw new StrataException("creating the state directory " + dir + ": " + e.getMessage(), e);
      }
      raw = "sqlite://" + dir.resolve("state.db").toAbsolutePath();
    }
    return open(raw);
  }

  /** Opens the store at a database URL. */
  public static JdbcStateStore open(String url) {
    DbUrl u = DbUrl.parse(url);
    Dialect d = Dialects.forUrl(u);
    try {
      Connection c = d.open(u);
      if (u.isSqlite()) {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA busy_timeout = 10000");
          st.execute("PRAGMA journal_mode = WAL");
        }
      }
      return new JdbcStateStore(c, u.toString());
    } catch (SQLException e) {
      throw new StrataException(
          "state store " + u + ": connecting: " + DbUrl.mask(e.getMessage()), e);
    }
  }
}
