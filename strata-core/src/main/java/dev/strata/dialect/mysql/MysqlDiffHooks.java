package dev.strata.dialect.mysql;

import dev.strata.dialect.DiffHooks;
import dev.strata.model.Column;
import dev.strata.model.SchemaObject;
import java.util.Locale;
import java.util.Objects;

/**
 * What the Differ asks about MySQL: types compare by their canonical spelling ({@code int(11)} is
 * {@code int}, {@code bool} is {@code tinyint(1)}, {@code integer unsigned} is {@code int} plus the
 * {@code unsigned} attribute); defaults and expressions compare after canonicalising time
 * functions, whitespace, outer parentheses and {@code NULL}; names compare case-insensitively when
 * they differ only in case (column, index, trigger and routine names are case-insensitive in MySQL;
 * an exact match always wins, so case-sensitive table names still pair up correctly).
 */
public final class MysqlDiffHooks implements DiffHooks {
  /** {@code RENAME TABLE} renames foreign keys named {@code old_ibfk_N} to {@code new_ibfk_N}. */
  @Override
  public String foreignKeyNameAfterTableRename(String oldTable, String newTable, String name) {
    String prefix = oldTable + "_ibfk_";
    return name.startsWith(prefix) ? newTable + "_ibfk_" + name.substring(prefix.length()) : name;
  }

  @Override
  public boolean sameType(Column from, Column to) {
    return normalizeType(from.type()).equals(normalizeType(to.type()));
  }

  @Override
  public String normalizeType(String type) {
    if (type == null) {
      return "";
    }
    String t = type.replaceAll("(?i)\\s+(unsigned|zerofill|signed)\\b", "");
    String base = MysqlTypes.baseType(t, false);
    return base.startsWith("enum") || base.startsWith("set") ? base : base.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean sameDefault(String from, String to) {
    return Objects.equals(normalizeDefault(from), normalizeDefault(to));
  }

  private String normalizeDefault(String d) {
    String n = normalizeExpr(d);
    if (n == null || n.equalsIgnoreCase("NULL")) {
      return null;
    }
    if (n.matches("(?i)true|false")) {
      return n.equalsIgnoreCase("true") ? "1" : "0";
    }
    return n;
  }

  @Override
  public String normalizeExpr(String expr) {
    if (expr == null) {
      return null;
    }
    String t = expr.strip().replaceAll("\\s+", " ");
    while (t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1))) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return MysqlTypes.canonicalExpr(t);
  }

  /** Whether the parentheses of {@code s} (outside quotes) balance: "(a) + (b)" does not strip. */
  private static boolean balanced(String s) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  @Override
  public boolean sameViewDefinition(String from, String to) {
    return Objects.equals(normalizeExpr(from), normalizeExpr(to));
  }

  @Override
  public boolean columnOrderMatters() {
    return true;
  }

  @Override
  public boolean caseInsensitiveNames() {
    return true;
  }

  @Override
  public boolean sameObject(SchemaObject from, SchemaObject to) {
    if (from instanceof SchemaObject.Routine a && to instanceof SchemaObject.Routine b) {
      return a.procedure() == b.procedure()
          && Objects.equals(normalizeExpr(a.definition()), normalizeExpr(b.definition()))
          && a.attrs().equals(b.attrs());
    }
    return from.equals(to);
  }
}
