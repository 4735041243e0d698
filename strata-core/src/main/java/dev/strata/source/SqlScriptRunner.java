package dev.strata.source;

import dev.strata.InputException;
import dev.strata.dialect.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes desired-state SQL files on a dev database. Statements that fail are retried after the
 * others, pass after pass while some statement succeeds, so that files listing objects out of
 * dependency order (a view before its table) still load. An error that persists is reported with
 * the file and line of the statement.
 */
final class SqlScriptRunner {
  private final Dialect dialect;

  SqlScriptRunner(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * One statement with where it came from; {@code region} is its text in the file together with the
   * comment lines before it (where rename hints may be written).
   */
  record Located(String sql, Path file, int line, String region) {}

  /** Runs the files' statements; returns the rename hints written in their comments. */
  List<SqlRenameHints.Hint> run(Connection conn, List<Path> files) {
    List<Located> pending = new ArrayList<>();
    for (Path f : files) {
      pending.addAll(split(f));
    }
    List<SqlRenameHints.Hint> hints = new ArrayList<>();
    for (Located s : pending) {
      hints.addAll(SqlRenameHints.parse(s.region()));
    }
    // every statement is checked before any runs: a refused one must not follow changes
    List<Located> checked = new ArrayList<>();
    for (Located s : pending) {
      try {
        checked.add(
            new Located(dialect.devStatement(conn, s.sql()), s.file(), s.line(), s.region()));
      } catch (IllegalArgumentException | SQLException e) {
        throw new InputException(
            s.file() + ":" + s.line() + ": " + e.getMessage() + "\n  " + firstLine(s.sql()));
      }
    }
    pending = checked;
    while (!pending.isEmpty()) {
      List<Located> failed = new ArrayList<>();
      SQLException last = null;
      Located lastStmt = null;
      for (Located s : pending) {
        try (Statement st = conn.createStatement()) {
          st.execute(s.sql());
        } catch (SQLException e) {
          failed.add(s);
          if (last == null) {
            last = e;
            lastStmt = s;
          }
        }
      }
      if (failed.size() == pending.size()) {
        throw new InputException(
            lastStmt.file()
                + ":"
                + lastStmt.line()
                + ": "
                + dialect.name()
                + " rejected this statement: "
                + last.getMessage()
                + "\n  "
                + firstLine(lastStmt.sql()));
      }
      pending = failed;
    }
    return hints;
  }

  private List<Located> split(Path file) {
    String script;
    try {
      script = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("reading " + file + ": " + e.getMessage(), e);
    }
    List<Located> out = new ArrayList<>();
    int from = 0;
    for (String stmt : dialect.splitStatements(script)) {
      int at = script.indexOf(stmt.strip(), from);
      int line = 1;
      String region = stmt;
      if (at >= 0) {
        line += countNewlines(script, at);
        int end = at + stmt.strip().length();
        int eol = script.indexOf('\n', end);
        region = script.substring(from, eol < 0 ? script.length() : eol);
        from = end;
      }
      out.add(new Located(stmt, file, line, region));
    }
    return out;
  }

  private static int countNewlines(String s, int end) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static String firstLine(String sql) {
    String t = sql.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " ...";
  }
}
