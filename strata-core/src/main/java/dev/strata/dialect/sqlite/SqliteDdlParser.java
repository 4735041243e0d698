package dev.strata.dialect.sqlite;

import dev.strata.dialect.sqlite.SqliteLexer.Token;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.IndexPart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what SQLite keeps only in {@code sqlite_schema.sql}: constraint names, CHECK expressions,
 * collations, generated column expressions, AUTOINCREMENT, index expressions and predicates, view
 * bodies.
 *
 * <p>Algorithm: tokenize with {@link SqliteLexer}, take the parenthesised body of {@code CREATE
 * TABLE}, split it at top-level commas, and classify each element by its first word: {@code
 * CONSTRAINT}, {@code PRIMARY}, {@code UNIQUE}, {@code CHECK} or {@code FOREIGN} start a table
 * constraint (these words are reserved, so a column named so is quoted and never mistaken),
 * anything else is a column definition whose constraints are found by scanning for their keywords
 * while skipping parenthesised groups. Expressions are cut verbatim from the source text so that
 * they render back byte for byte.
 */
final class SqliteDdlParser {
  private static final Set<String> COLUMN_KEYWORDS =
      Set.of(
          "CONSTRAINT",
          "PRIMARY",
          "NOT",
          "NULL",
          "UNIQUE",
          "CHECK",
          "DEFAULT",
          "COLLATE",
          "REFERENCES",
          "GENERATED",
          "AS");

  private SqliteDdlParser() {}

  /** What a CREATE TABLE text says beyond the pragmas; names compare case-insensitively. */
  record TableDdl(
      List<ColumnDdl> columns,
      String pkName,
      Set<String> pkDesc,
      List<Check> checks,
      List<NamedCols> foreignKeys,
      List<NamedCols> uniques) {
    ColumnDdl column(String name) {
      return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
  }

  /** One column definition: declared type text, collation, generation, AUTOINCREMENT. */
  record ColumnDdl(
      String name, String type, String collation, Column.Generated generated, boolean autoInc) {}

  /** A constraint over columns with its optional name (and referenced table for foreign keys). */
  record NamedCols(String name, List<String> columns, String refTable) {}

  /** The parts and predicate of a CREATE INDEX text. */
  record IndexDdl(List<IndexPart> parts, String where) {}

  /** Parses a CREATE TABLE statement; a text without a column list yields an empty result. */
  static TableDdl parseTable(String sql) {
    List<Token> tokens = SqliteLexer.tokenize(sql == null ? "" : sql);
    List<ColumnDdl> columns = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    List<NamedCols> fks = new ArrayList<>();
    List<NamedCols> uniques = new ArrayList<>();
    Set<String> pkDesc = new HashSet<>();
    String pkName = null;
    int open = indexOfPunct(tokens, "(", 0);
    if (open < 0) {
      return new TableDdl(columns, null, pkDesc, checks, fks, uniques);
    }
    int close = SqliteLexer.matching(tokens, open);
    for (int[] el : SqliteLexer.splitCommas(tokens, open + 1, close)) {
      int a = el[0];
      int b = el[1];
      Token first = tokens.get(a);
      String pending = null;
      if (first.isWord("CONSTRAINT") && a + 2 < b) {
        pending = tokens.get(a + 1).text();
        a += 2;
        first = tokens.get(a);
      }
      if (first.isWord("PRIMARY")) {
        int p = indexOfPunct(tokens, "(", a);
        for (int[] part : SqliteLexer.splitCommas(tokens, p + 1, SqliteLexer.matching(tokens, p))) {
          if (hasWord(tokens, part[0], part[1], "DESC")) {
            pkDesc.add(lower(tokens.get(part[0]).text()));
          }
        }
        pkName = pending;
      } else if (first.isWord("UNIQUE")) {
        uniques.add(new NamedCols(pending, parenNames(tokens, a), null));
      } else if (first.isWord("CHECK")) {
        checks.add(new Check(pending, parenText(sql, tokens, a + 1), Attrs.EMPTY));
      } else if (first.isWord("FOREIGN")) {
        int p = indexOfPunct(tokens, "(", a);
        int ref = SqliteLexer.matching(tokens, p) + 1;
        String refTable = ref + 1 < b ? tokens.get(ref + 1).text() : null;
        fks.add(new NamedCols(pending, parenNames(tokens, a), refTable));
      } else if (first.isName() && pending == null) {
        columns.add(parseColumn(sql, tokens, a, b, checks, fks, uniques));
        ColumnDdl c = columns.get(columns.size() - 1);
        if (columnPk(tokens, a, b)) {
          pkName = columnPkName(tokens, a, b);
          if (columnPkDesc(tokens, a, b)) {
            pkDesc.add(lower(c.name()));
          }
        }
      }
    }
    return new TableDdl(columns, pkName, pkDesc, checks, fks, uniques);
  }

  private static ColumnDdl parseColumn(
      String sql,
      List<Token> tokens,
      int a,
      int b,
      List<Check> checks,
      List<NamedCols> fks,
      List<NamedCols> uniques) {
    String name = tokens.get(a).text();
    int j = a + 1;
    while (j < b
        && !(tokens.get(j).kind() == SqliteLexer.Kind.WORD
            && COLUMN_KEYWORDS.contains(tokens.get(j).upper()))) {
      j = tokens.get(j).isPunct("(") ? SqliteLexer.matching(tokens, j) + 1 : j + 1;
    }
    String type = SqliteLexer.text(sql, tokens, a + 1, Math.min(j, b));
    String collation = null;
    Column.Generated generated = null;
    boolean autoInc = false;
    String pending = null;
    while (j < b) {
      Token t = tokens.get(j);
      if (t.isPunct("(")) {
        j = SqliteLexer.matching(tokens, j) + 1;
        continue;
      }
      String w = t.kind() == SqliteLexer.Kind.WORD ? t.upper() : "";
      switch (w) {
        case "CONSTRAINT" -> {
          pending = j + 1 < b ? tokens.get(j + 1).text() : null;
          j += 2;
          continue;
        }
        case "AUTOINCREMENT" -> autoInc = true;
        case "UNIQUE" -> uniques.add(new NamedCols(pending, List.of(name), null));
        case "CHECK" -> {
          checks.add(new Check(pending, parenText(sql, tokens, j + 1), Attrs.EMPTY));
          j = SqliteLexer.matching(tokens, j + 1) + 1;
          pending = null;
          continue;
        }
        case "COLLATE" -> {
          collation = j + 1 < b ? tokens.get(j + 1).text() : null;
          j += 2;
          pending = null;
          continue;
        }
        case "REFERENCES" -> {
          fks.add(new NamedCols(pending, List.of(name), tokens.get(j + 1).text()));
          j += 2;
          pending = null;
          continue;
        }
        case "DEFAULT" -> {
          j++;
          if (j < b && tokens.get(j).isPunct("(")) {
            j = SqliteLexer.matching(tokens, j);
          } else if (j < b && (tokens.get(j).isPunct("-") || tokens.get(j).isPunct("+"))) {
            j++;
          }
        }
        case "AS" -> {
          if (j + 1 < b && tokens.get(j + 1).isPunct("(")) {
            int close = SqliteLexer.matching(tokens, j + 1);
            String kind = "VIRTUAL";
            if (close + 1 < b && tokens.get(close + 1).isWord("STORED")) {
              kind = "STORED";
            }
            generated = new Column.Generated(parenText(sql, tokens, j + 1), kind);
            j = close + 1;
            pending = null;
            continue;
          }
        }
        default -> {}
      }
      if (!w.isEmpty() && !w.equals("AUTOINCREMENT")) {
        pending = null;
      }
      j++;
    }
    return new ColumnDdl(name, type, collation, generated, autoInc);
  }

  private static boolean columnPk(List<Token> tokens, int a, int b) {
    return indexOfWord(tokens, "PRIMARY", a + 1, b) >= 0;
  }

  private static String columnPkName(List<Token> tokens, int a, int b) {
    int p = indexOfWord(tokens, "PRIMARY", a + 1, b);
    return p >= 2 && tokens.get(p - 2).isWord("CONSTRAINT") ? tokens.get(p - 1).text() : null;
  }

  private static boolean columnPkDesc(List<Token> tokens, int a, int b) {
    int p = indexOfWord(tokens, "PRIMARY", a + 1, b);
    return p + 2 < b && tokens.get(p + 2).isWord("DESC");
  }

  /** Parses CREATE INDEX: its key parts (columns or expressions) and WHERE predicate. */
  static IndexDdl parseIndex(String sql) {
    List<Token> tokens = SqliteLexer.tokenize(sql);
    int on = indexOfWord(tokens, "ON", 0, tokens.size());
    int open = indexOfPunct(tokens, "(", on);
    int close = SqliteLexer.matching(tokens, open);
    List<IndexPart> parts = new ArrayList<>();
    for (int[] p : SqliteLexer.splitCommas(tokens, open + 1, close)) {
      int a = p[0];
      int end = p[1];
      boolean desc = false;
      if (tokens.get(end - 1).isWord("DESC") || tokens.get(end - 1).isWord("ASC")) {
        desc = tokens.get(end - 1).isWord("DESC");
        end--;
      }
      String coll = null;
      if (end - a >= 3 && tokens.get(end - 2).isWord("COLLATE")) {
        coll = tokens.get(end - 1).text();
        end -= 2;
      }
      Attrs attrs = Attrs.of("collate", coll);
      if (end - a == 1 && tokens.get(a).isName()) {
        parts.add(new IndexPart(tokens.get(a).text(), null, desc, attrs));
      } else {
        parts.add(new IndexPart(null, SqliteLexer.text(sql, tokens, a, end), desc, attrs));
      }
    }
    String where = null;
    if (close + 1 < tokens.size() && tokens.get(close + 1).isWord("WHERE")) {
      int end = tokens.size();
      if (tokens.get(end - 1).isPunct(";")) {
        end--;
      }
      where = SqliteLexer.text(sql, tokens, close + 2, end);
    }
    return new IndexDdl(parts, where);
  }

  /** The query of a CREATE VIEW text: everything after its first top-level {@code AS}. */
  static String viewBody(String sql) {
    List<Token> tokens = SqliteLexer.tokenize(sql);
    int i = 0;
    while (i < tokens.size() && !tokens.get(i).isWord("AS")) {
      i = tokens.get(i).isPunct("(") ? SqliteLexer.matching(tokens, i) + 1 : i + 1;
    }
    int end = tokens.size();
    if (end > 0 && tokens.get(end - 1).isPunct(";")) {
      end--;
    }
    return SqliteLexer.text(sql, tokens, i + 1, end);
  }

  /** The column list of a CREATE VIEW text ({@code v (a, b) AS ...}), verbatim, or null. */
  static String viewColumns(String sql) {
    List<Token> tokens = SqliteLexer.tokenize(sql);
    for (int i = 0; i < tokens.size() && !tokens.get(i).isWord("AS"); i++) {
      if (tokens.get(i).isPunct("(")) {
        return SqliteLexer.text(sql, tokens, i + 1, SqliteLexer.matching(tokens, i));
      }
    }
    return null;
  }

  /** Lower-cased names (bare or quoted) mentioned anywhere in {@code sql}. */
  static Set<String> referencedNames(String sql) {
    Set<String> out = new HashSet<>();
    for (Token t : SqliteLexer.tokenize(sql == null ? "" : sql)) {
      if (t.isName()) {
        out.add(lower(t.text()));
      }
    }
    return out;
  }

  private static String parenText(String sql, List<Token> tokens, int open) {
    if (open >= tokens.size() || !tokens.get(open).isPunct("(")) {
      return "";
    }
    return SqliteLexer.text(sql, tokens, open + 1, SqliteLexer.matching(tokens, open));
  }

  private static List<String> parenNames(List<Token> tokens, int from) {
    int p = indexOfPunct(tokens, "(", from);
    List<String> out = new ArrayList<>();
    for (int[] part : SqliteLexer.splitCommas(tokens, p + 1, SqliteLexer.matching(tokens, p))) {
      out.add(tokens.get(part[0]).text());
    }
    return out;
  }

  private static int indexOfPunct(List<Token> tokens, String p, int from) {
    for (int i = Math.max(from, 0); i < tokens.size(); i++) {
      if (tokens.get(i).isPunct(p)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfWord(List<Token> tokens, String w, int from, int to) {
    for (int i = from; i < to; i++) {
      if (tokens.get(i).isWord(w)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasWord(List<Token> tokens, int from, int to, String w) {
    return indexOfWord(tokens, w, from, to) >= 0;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
