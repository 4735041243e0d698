package dev.strata.schemahcl;

import dev.strata.InputException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Conversions between HCL values and the SQL text the model holds: column types ({@code integer},
 * {@code varchar(255)}, {@code sql("...")}), defaults (HCL literals become SQL literals: {@code
 * "abc"} is {@code 'abc'}), and the reverse checks the encoder uses to pick the HCL form.
 */
final class SqlText {
  /** An identifier that HCL reads back as a bare word (not true, false or null). */
  static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A number whose text HCL keeps as written. */
  static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

  private static final Pattern TYPE_CALL =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\((0|[1-9][0-9]*)(,(0|[1-9][0-9]*))?\\)");
  private static final List<String> KEYWORDS = List.of("true", "false", "null");

  private SqlText() {}

  /** The SQL type text of a {@code type} attribute. */
  static String type(Value v) {
    if (v instanceof Value.Ident i) {
      return i.name();
    } else if (v instanceof Value.Sql s) {
      return s.text();
    } else if (v instanceof Value.Call c) {
      StringBuilder sb = new StringBuilder(c.name()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        Value a = c.args().get(i);
        sb.append(i == 0 ? "" : ",");
        if (a instanceof Value.Num n) {
          sb.append(n.text());
        } else if (a instanceof Value.Str s) {
          sb.append(quote(s.value()));
        } else if (a instanceof Value.Ident id) {
          sb.append(id.name());
        } else {
          throw new InputException(a.pos(), "type arguments must be numbers, strings or words");
        }
      }
      return sb.append(')').toString();
    }
    throw new InputException(
        v.pos(), "type must be a type name (integer), a call (varchar(255)) or sql(\"...\")");
  }

  /** The SQL text of a {@code default} attribute. */
  static String defaultExpr(Value v) {
    if (v instanceof Value.Str s) {
      return quote(s.value());
    } else if (v instanceof Value.Num n) {
      return n.text();
    } else if (v instanceof Value.Bool b) {
      return Boolean.toString(b.value());
    } else if (v instanceof Value.Sql s) {
      return s.text();
    }
    throw new InputException(
        v.pos(), "default must be a string, number or bool literal, or sql(\"...\")");
  }

  /** {@code abc} as the SQL string literal {@code 'abc'}, quotes doubled. */
  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /**
   * The content of a SQL string literal {@code 'it''s'}, or empty if the text is not exactly one.
   */
  static Optional<String> unquote(String sql) {
    if (sql.length() < 2 || sql.charAt(0) != '\'' || sql.charAt(sql.length() - 1) != '\'') {
      return Optional.empty();
    }
    String inner = sql.substring(1, sql.length() - 1);
    if (inner.replace("''", "").indexOf('\'') >= 0) {
      return Optional.empty();
    }
    return Optional.of(inner.replace("''", "'"));
  }

  /** True when a type text can be written as a bare word or a call like {@code varchar(255)}. */
  static boolean isBareType(String type) {
    if (IDENT.matcher(type).matches()) {
      return !KEYWORDS.contains(type);
    }
    var m = TYPE_CALL.matcher(type);
    return m.matches() && !m.group(1).equals("sql");
  }

  /** True when a name can be written as a bare HCL identifier (e.g. in {@code column.NAME}). */
  static boolean isIdent(String name) {
    return IDENT.matcher(name).matches() && !KEYWORDS.contains(name);
  }

  /** {@code "name"} as a SQL identifier, inner quotes doubled. */
  static String quoteIdent(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * {@code schema.name} as PostgreSQL's {@code quote_ident} spells it ({@code "My Schema".t}) split
   * into its two unquoted names.
   */
  static List<String> splitQualified(String qualified) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < qualified.length(); i++) {
      char ch = qualified.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == '.' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    if (out.size() != 2) {
      throw new IllegalArgumentException("expected schema.name, got " + qualified);
    }
    return out;
  }
}
