package dev.strata.dialect.mysql;

import dev.strata.InputException;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders model parts as MySQL DDL fragments: column definitions, index, key and constraint
 * clauses, table options, {@code CREATE TABLE} and {@code CREATE VIEW}. Attribute keys read here:
 * column {@code unsigned}, {@code zerofill}, {@code charset}, {@code on_update}, {@code invisible};
 * index {@code index_type} (FULLTEXT, SPATIAL), {@code parser}, {@code using} (BTREE, HASH), {@code
 * comment}, {@code invisible}; index part {@code prefix}; check {@code enforced}; table {@code
 * engine}, {@code charset}, {@code collate}, {@code auto_increment}, {@code row_format}, {@code
 * partition}; view {@code algorithm}, {@code definer}, {@code security}, {@code check_option}.
 */
final class MysqlDdl {
  private static final Pattern LITERAL =
      Pattern.compile(
          "(?is)^(?:'.*'|\"[^\"]*\"|[-+]?\\d+(?:\\.\\d*)?(?:e[-+]?\\d+)?|null|true|false|b'[01]*'"
              + "|x'[0-9a-f]*'|0x[0-9a-f]+|current_timestamp(?:\\(\\d*\\))?|_[a-z0-9]+'.*')$");

  private MysqlDdl() {}

  /** A back-quoted identifier. */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A column definition: {@code `name` type ... }. */
  static String column(Column c, MysqlServer server) {
    StringBuilder sb = new StringBuilder(quote(c.name())).append(' ').append(type(c));
    String charset = c.attrs().get("charset");
    if (charset != null && !c.type().equals("json")) {
      sb.append(" CHARACTER SET ").append(charset);
    }
    if (c.collation() != null && !c.type().equals("json")) {
      sb.append(" COLLATE ").append(c.collation());
    }
    if (c.generated() != null) {
      sb.append(" GENERATED ALWAYS AS (").append(c.generated().expr()).append(')');
      sb.append(' ').append(c.generated().kind() == null ? "VIRTUAL" : c.generated().kind());
    }
    if (!c.nullable()) {
      sb.append(" NOT NULL");
    } else if (MysqlTypes.typeName(c.type()).equals("timestamp")) {
      sb.append(" NULL");
    }
    if (c.defaultExpr() != null && c.generated() == null) {
      sb.append(" DEFAULT ").append(defaultValue(c.defaultExpr()));
    }
    if (c.attrs().get("on_update") != null) {
      sb.append(" ON UPDATE ").append(c.attrs().get("on_update"));
    }
    if (c.autoIncrement()) {
      sb.append(" AUTO_INCREMENT");
    }
    if (c.attrs().flag("invisible")) {
      sb.append(" INVISIBLE");
    }
    if (c.comment() != null && !c.comment().isEmpty()) {
      sb.append(" COMMENT ").append(MysqlTypes.quote(c.comment()));
    }
    return sb.toString();
  }

  static String type(Column c) {
    String t = c.type();
    if (c.attrs().flag("unsigned") && !MysqlTypes.hasModifier(t, "unsigned")) {
      t += " unsigned";
    }
    if (c.attrs().flag("zerofill") && !MysqlTypes.hasModifier(t, "zerofill")) {
      t += " zerofill";
    }
    return t;
  }

  /** A default as written after DEFAULT: literals as they are, expressions in parentheses. */
  static String defaultValue(String expr) {
    String t = expr.trim();
    if (LITERAL.matcher(t).matches() || (t.startsWith("(") && t.endsWith(")"))) {
      return t;
    }
    return "(" + t + ")";
  }

  static String parts(List<IndexPart> parts) {
    List<String> out = new ArrayList<>();
    for (IndexPart p : parts) {
      String s =
          p.expr() != null
              ? "(" + p.expr() + ")"
              : quote(p.column())
                  + (p.attrs().get("prefix") == null ? "" : "(" + p.attrs().get("prefix") + ")");
      out.add(p.desc() ? s + " DESC" : s);
    }
    return String.join(", ", out);
  }

  static String primaryKey(PrimaryKey pk) {
    return "PRIMARY KEY (" + parts(pk.parts()) + ")";
  }

  /** {@code [UNIQUE|FULLTEXT|SPATIAL] INDEX `name` (parts) ...}. */
  static String index(Index i, MysqlServer server) {
    if (server.known() && !server.functionalIndexes()) {
      for (IndexPart p : i.parts()) {
        if (p.expr() != null) {
          throw new InputException(
              "index "
                  + i.name()
                  + ": "
                  + server.describe()
                  + " has no functional index parts ("
                  + p.expr()
                  + "; MySQL has them from 8.0.13); index a generated column instead");
        }
      }
    }
    String kind = i.attrs().get("index_type");
    StringBuilder sb = new StringBuilder();
    if (kind != null && !kind.equalsIgnoreCase("BTREE") && !kind.equalsIgnoreCase("HASH")) {
      sb.append(kind.toUpperCase(Locale.ROOT)).append(' ');
    } else if (i.unique()) {
      sb.append("UNIQUE ");
    }
    sb.append("INDEX ").append(quote(i.name())).append(" (").append(parts(i.parts())).append(')');
    if (i.attrs().get("using") != null) {
      sb.append(" USING ").append(i.attrs().get("using").toUpperCase(Locale.ROOT));
    }
    if (i.attrs().get("parser") != null) {
      sb.append(" WITH PARSER ").append(i.attrs().get("parser"));
    }
    if (i.attrs().get("comment") != null) {
      sb.append(" COMMENT ").append(MysqlTypes.quote(i.attrs().get("comment")));
    }
    if (i.attrs().flag("invisible")) {
      sb.append(server.mariadb() ? " IGNORED" : " INVISIBLE");
    }
    return sb.toString();
  }

  static String foreignKey(ForeignKey fk) {
    StringBuilder sb = new StringBuilder();
    if (fk.name() != null && !fk.name().isEmpty()) {
      sb.append("CONSTRAINT ").append(quote(fk.name())).append(' ');
    }
    sb.append("FOREIGN KEY (").append(names(fk.columns())).append(") REFERENCES ");
    if (fk.refSchema() != null) {
      sb.append(quote(fk.refSchema())).append('.');
    }
    sb.append(quote(fk.refTable())).append(" (").append(names(fk.refColumns())).append(')');
    if (fk.onDelete() != null && !fk.onDelete().equalsIgnoreCase("NO ACTION")) {
      sb.append(" ON DELETE ").append(fk.onDelete().replace('_', ' ').toUpperCase(Locale.ROOT));
    }
    if (fk.onUpdate() != null && !fk.onUpdate().equalsIgnoreCase("NO ACTION")) {
      sb.append(" ON UPDATE ").append(fk.onUpdate().replace('_', ' ').toUpperCase(Locale.ROOT));
    }
    return sb.toString();
  }

  static String check(Check c) {
    String head =
        c.name() == null || c.name().isEmpty() ? "" : "CONSTRAINT " + quote(c.name()) + " ";
    String tail = "false".equals(c.attrs().get("enforced")) ? " NOT ENFORCED" : "";
    return head + "CHECK (" + c.expr() + ")" + tail;
  }

  static String names(List<String> cols) {
    return String.join(", ", cols.stream().map(MysqlDdl::quote).toList());
  }

  /** Table options after the closing parenthesis (engine, charset, ...), or "". */
  static String tableOptions(Attrs a, String comment) {
    StringBuilder sb = new StringBuilder();
    if (a.get("engine") != null) {
      sb.append(" ENGINE=").append(a.get("engine"));
    }
    if (a.get("charset") != null) {
      sb.append(" DEFAULT CHARSET=").append(a.get("charset"));
    }
    if (a.get("collate") != null) {
      sb.append(" COLLATE=").append(a.get("collate"));
    }
    if (a.get("auto_increment") != null) {
      sb.append(" AUTO_INCREMENT=").append(a.get("auto_increment"));
    }
    if (a.get("row_format") != null) {
      sb.append(" ROW_FORMAT=").append(a.get("row_format"));
    }
    if (comment != null && !comment.isEmpty()) {
      sb.append(" COMMENT=").append(MysqlTypes.quote(comment));
    }
    if (a.get("partition") != null) {
      sb.append('\n').append(a.get("partition"));
    }
    return sb.toString();
  }

  /** {@code CREATE TABLE} with the given foreign keys inline (others are added later). */
  static String createTable(String name, Table t, List<ForeignKey> fks, MysqlServer server) {
    List<String> lines = new ArrayList<>();
    for (Column c : t.columns()) {
      String def = column(c, server);
      for (Check ck : t.checks()) {
        if (ck.attrs().flag("column_level") && c.name().equals(ck.name())) {
          def += " CHECK (" + ck.expr() + ")";
        }
      }
      lines.add(def);
    }
    if (t.primaryKey() != null) {
      lines.add(primaryKey(t.primaryKey()));
    }
    for (Index i : t.indexes()) {
      lines.add(index(i, server));
    }
    for (Check c : t.checks()) {
      if (!c.attrs().flag("column_level")) {
        lines.add(check(c));
      }
    }
    for (ForeignKey fk : fks) {
      lines.add(foreignKey(fk));
    }
    return "CREATE TABLE "
        + name
        + " (\n  "
        + String.join(",\n  ", lines)
        + "\n)"
        + tableOptions(t.attrs(), t.comment());
  }

  /** {@code user@host} (as the catalog spells a definer) as {@code `user`@`host`}. */
  static String definer(String userAtHost) {
    int at = userAtHost.lastIndexOf('@');
    return at < 0
        ? quote(userAtHost)
        : quote(userAtHost.substring(0, at)) + "@" + quote(userAtHost.substring(at + 1));
  }

  /** {@code CREATE [OR REPLACE] VIEW}. */
  static String createView(String name, View v, boolean replace) {
    StringBuilder sb = new StringBuilder("CREATE ");
    if (replace) {
      sb.append("OR REPLACE ");
    }
    if (v.attrs().get("algorithm") != null) {
      sb.append("ALGORITHM=").append(v.attrs().get("algorithm")).append(' ');
    }
    if (v.attrs().get("definer") != null) {
      sb.append("DEFINER=").append(definer(v.attrs().get("definer"))).append(' ');
    }
    if (v.attrs().get("security") != null) {
      sb.append("SQL SECURITY ").append(v.attrs().get("security")).append(' ');
    }
    sb.append("VIEW ").append(name).append(" AS ").append(v.definition().strip());
    String check = v.attrs().get("check_option");
    if (check != null) {
      sb.append(" WITH ").append(check).append(" CHECK OPTION");
    }
    return sb.toString();
  }
}
