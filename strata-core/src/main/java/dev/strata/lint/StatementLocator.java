package dev.strata.lint;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the plan statement that carries a typed change. Statements do not point back at their
 * changes, so the locator matches names: every statement is reduced to the set of identifiers it
 * mentions (quoted or bare, lower-cased, string literals and comments skipped); a statement scores
 * 2 when it names the change's table (or view, object or schema) and 1 more when it also names the
 * part (column, index, key, check). The first statement with the best score of at least 2 wins, so
 * a table rebuild's {@code INSERT ... SELECT} or an {@code ALTER TABLE ... ADD COLUMN} is found in
 * any dialect's SQL.
 */
public final class StatementLocator {
  private final List<Set<String>> names = new ArrayList<>();

  public StatementLocator(List<Statement> statements) {
    for (Statement s : statements) {
      names.add(identifiers(s.sql()));
    }
  }

  /** The 0-based index of the statement carrying the change, or null when none mentions it. */
  public Integer locate(SchemaChange change, TableChange part) {
    List<String> owners = owners(change);
    String partName = part == null ? null : partName(part);
    int best = 1;
    Integer at = null;
    for (int i = 0; i < names.size(); i++) {
      Set<String> ids = names.get(i);
      int score = 0;
      if (owners.stream().anyMatch(o -> ids.contains(key(o)))) {
        score = 2;
        if (partName != null && ids.contains(key(partName))) {
          score = 3;
        }
      }
      if (score > best) {
        best = score;
        at = i;
      }
    }
    return at;
  }

  /** The names a statement for this change mentions: the table, view, object or schema. */
  static List<String> owners(SchemaChange c) {
    if (c instanceof SchemaChange.ModifyTable m) {
      return List.of(m.from().name(), m.to().name());
    } else if (c instanceof SchemaChange.AddTable a) {
      return List.of(a.table().name());
    } else if (c instanceof SchemaChange.DropTable d) {
      return List.of(d.table().name());
    } else if (c instanceof SchemaChange.RenameTable r) {
      return List.of(r.from().name(), r.to().name());
    } else if (c instanceof SchemaChange.AddView a) {
      return List.of(a.view().name());
    } else if (c instanceof SchemaChange.DropView d) {
      return List.of(d.view().name());
    } else if (c instanceof SchemaChange.ModifyView m) {
      return List.of(m.to().name());
    } else if (c instanceof SchemaChange.AddTrigger a) {
      return List.of(a.trigger().name());
    } else if (c instanceof SchemaChange.DropTrigger d) {
      return List.of(d.trigger().name());
    } else if (c instanceof SchemaChange.ModifyTrigger m) {
      return List.of(m.to().name());
    } else if (c instanceof SchemaChange.AddObject a) {
      return objectNames(a.object());
    } else if (c instanceof SchemaChange.DropObject d) {
      return objectNames(d.object());
    } else if (c instanceof SchemaChange.ModifyObject m) {
      return objectNames(m.to());
    }
    return List.of(c.schema());
  }

  /**
   * A routine's name without its arguments; a policy's own name (its model name is table.policy).
   */
  private static List<String> objectNames(dev.strata.model.SchemaObject o) {
    if (o instanceof dev.strata.model.SchemaObject.Policy p) {
      return List.of(p.policy());
    }
    return List.of(bareName(o.name()));
  }

  /** The name of the part a table-level change is about, or null. */
  static String partName(TableChange p) {
    if (p instanceof TableChange.AddColumn a) {
      return a.column().name();
    } else if (p instanceof TableChange.DropColumn d) {
      return d.column().name();
    } else if (p instanceof TableChange.RenameColumn r) {
      return r.from().name();
    } else if (p instanceof TableChange.ModifyColumn m) {
      return m.to().name();
    } else if (p instanceof TableChange.AddIndex a) {
      return a.index().name();
    } else if (p instanceof TableChange.DropIndex d) {
      return d.index().name();
    } else if (p instanceof TableChange.RenamePrimaryKey r) {
      return r.from().name();
    } else if (p instanceof TableChange.RenameIndex r) {
      return r.from().name();
    } else if (p instanceof TableChange.AddForeignKey a) {
      return a.foreignKey().name();
    } else if (p instanceof TableChange.DropForeignKey d) {
      return d.foreignKey().name();
    } else if (p instanceof TableChange.AddCheck a) {
      return a.check().name();
    } else if (p instanceof TableChange.DropCheck d) {
      return d.check().name();
    }
    return null;
  }

  private static String bareName(String name) {
    int paren = name.indexOf('(');
    return paren < 0 ? name : name.substring(0, paren).trim();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The identifiers of a SQL text in order of first use: bare words and "double", `back` or
   * [bracket] quoted names.
   */
  public static Set<String> identifiers(String sql) {
    Set<String> out = new java.util.LinkedHashSet<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char ch = sql.charAt(i);
      if (ch == '\'') {
        i = skipQuoted(sql, i, '\'');
      } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl;
      } else if (ch == '"' || ch == '`' || ch == '[') {
        char close = ch == '[' ? ']' : ch;
        int end = skipQuoted(sql, i, close);
        String raw = sql.substring(i + 1, Math.max(i + 1, end - 1));
        out.add(key(raw.replace(String.valueOf(close) + close, String.valueOf(close))));
        i = end;
      } else if (Character.isLetter(ch) || ch == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        out.add(key(sql.substring(start, i)));
      } else {
        i++;
      }
    }
    return out;
  }

  /** Index just past the quoted text starting at {@code i}; doubled closers are escapes. */
  private static int skipQuoted(String sql, int i, char close) {
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == close) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == close && close != ']') {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length();
  }
}
