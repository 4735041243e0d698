package dev.strata.plan;

import dev.strata.StrataException;
import dev.strata.lint.rules.SqlNames;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The history of applies, kept in the target database in {@value #TABLE} (in a configurable schema;
 * null means the connection's default). Portable SQL only: {@code CREATE TABLE IF NOT EXISTS} with
 * {@code varchar}, {@code text} and {@code bigint} columns, ids are random UUIDs and times ISO-8601
 * strings, so that SQLite, PostgreSQL and MySQL share one definition. The table is created on first
 * use; planners must not see it ({@link #withoutLog}).
 */
public final class RevisionLog {
  public static final String TABLE = "strata_schema_revisions";

  private final Connection conn;
  private final String dialect;
  private final String schema;

  public RevisionLog(Connection conn, String dialect, String schema) {
    this.conn = conn;
    this.dialect = dialect;
    this.schema = schema == null || schema.isBlank() ? null : schema;
  }

  /** Who applies: {@code STRATA_USER} from the environment, else the OS user. */
  public static String currentUser(Map<String, String> env) {
    String u = env.get("STRATA_USER");
    return u != null && !u.isBlank() ? u : System.getProperty("user.name", "unknown");
  }

  /** A fresh revision id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Creates the table (and, outside SQLite, its schema) when missing. */
  public void ensureTable() {
    String t = table();
    try (java.sql.Statement st = conn.createStatement()) {
      if (schema != null && !dialect.equals("sqlite")) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + SqlNames.quote(dialect, schema));
      }
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + t
              + " ("
              + "id varchar(36) NOT NULL PRIMARY KEY, "
              + "plan_hash varchar(64) NOT NULL, "
              + "from_hash varchar(64), "
              + "to_hash varchar(64), "
              + "applied_by varchar(255) NOT NULL, "
              + "applied_at varchar(32) NOT NULL, "
              + "duration_ms bigint NOT NULL, "
              + "statements bigint NOT NULL, "
              + "sql_text text NOT NULL, "
              + "result varchar(16) NOT NULL, "
              + "error text)");
    } catch (SQLException e) {
      throw new StrataException(dialect + ": creating " + t + ": " + e.getMessage(), e);
    }
  }

  /** Appends one revision (creating the table first when needed). */
  public void record(Revision r) {
    ensureTable();
    String sql =
        "INSERT INTO "
            + table()
            + " (id, plan_hash, from_hash, to_hash, applied_by, applied_at,"
            + " duration_ms, statements, sql_text, result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    boolean auto = true;
    try {
      auto = conn.getAutoCommit();
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        ps.setString(1, r.id());
        ps.setString(2, r.planHash());
        ps.setString(3, r.fromHash());
        ps.setString(4, r.toHash());
        ps.setString(5, r.appliedBy());
        ps.setString(6, r.appliedAt());
        ps.setLong(7, r.durationMs());
        ps.setLong(8, r.statements());
        ps.setString(9, r.sql());
        ps.setString(10, r.result());
        ps.setString(11, r.error());
        ps.executeUpdate();
      }
      if (!auto) {
        conn.commit();
      }
    } catch (SQLException e) {
      throw new StrataException(
          dialect + ": recording the revision in " + table() + ": " + e.getMessage(), e);
    }
  }

  /** All revisions, oldest first. */
  public List<Revision> list() {
    ensureTable();
    List<Revision> out = new ArrayList<>();
    String sql =
        "SELECT id, plan_hash, from_hash, to_hash, applied_by, applied_at, duration_ms, statements,"
            + " sql_text, result, error FROM "
            + table()
            + " ORDER BY applied_at, id";
    try (PreparedStatement ps = conn.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Revision(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                (int) rs.getLong(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11)));
      }
      return out;
    } catch (SQLException e) {
      throw new StrataException(dialect + ": reading " + table() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The realm without Strata's own tables (this revision log and the executor's progress table),
   * for diffing and hashing: they are never part of a user's schema. A schema left empty by their
   * removal stays, as it would without them (the connection's default schema, {@code public} or
   * {@code main}, exists with or without the log, so dropping a user's last table must still lead
   * to that empty schema), except the {@code revisionSchema} (from {@code --revisions-schema}; null
   * when the log lives in the default schema), which Strata created just for the log.
   */
  public static Realm withoutLog(Realm realm, String revisionSchema) {
    List<Schema> schemas = new ArrayList<>();
    for (Schema s : realm.schemas()) {
      List<dev.strata.model.Table> tables =
          s.tables().stream().filter(t -> !isOwnTable(t.name())).toList();
      boolean onlyOurs =
          tables.isEmpty()
              && !s.tables().isEmpty()
              && s.views().isEmpty()
              && s.triggers().isEmpty()
              && s.objects().isEmpty();
      // a schema made just for the revision log (--revisions-schema, now or in an earlier apply)
      // is not the user's; the connection's own schema (public, main, or the only one, as for a
      // MySQL database URL) stays even when the user's last table is gone
      boolean ownSchema =
          s.name().equals(revisionSchema)
              || (realm.schemas().size() > 1
                  && !s.name().equals("public")
                  && !s.name().equals("main"));
      if (onlyOurs && ownSchema) {
        continue;
      }
      schemas.add(new Schema(s.name(), tables, s.views(), s.triggers(), s.objects(), s.attrs()));
    }
    return new Realm(schemas);
  }

  /** Whether a table is one of Strata's own bookkeeping tables. */
  public static boolean isOwnTable(String name) {
    return name.equalsIgnoreCase(TABLE)
        || name.equalsIgnoreCase(dev.strata.apply.StepwiseExecutor.PROGRESS_TABLE);
  }

  private String table() {
    return SqlNames.qualified(dialect, schema, TABLE);
  }
}
