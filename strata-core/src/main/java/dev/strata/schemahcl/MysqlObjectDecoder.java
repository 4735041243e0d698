package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.Pos;
import dev.strata.model.Attrs;
import dev.strata.model.SchemaObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's {@code function}, {@code procedure} and {@code event} blocks: {@code as} is the complete
 * {@code CREATE} statement (what the encoder writes, as the server's {@code SHOW CREATE} spells it
 * without {@code DEFINER}). The statement must create an object of the block's kind and name, so
 * that what the dev database creates pairs up with the block. Functions and procedures may instead
 * use Atlas's structured form: {@code arg "x" { type, mode, charset }} blocks, {@code return} (a
 * function's type), {@code deterministic}, {@code data_access} ({@code NO_SQL}, {@code
 * CONTAINS_SQL}, {@code READS_SQL_DATA}, {@code MODIFIES_SQL_DATA}), {@code comment}, with {@code
 * as} the body; they are composed into the {@code CREATE} statement, which the dev database then
 * spells the server's way. Events become {@link SchemaObject.Routine}s with attribute {@code
 * kind=event} (kind "event"), as the inspector reads them.
 */
final class MysqlObjectDecoder {
  static final List<String> KINDS = List.of("function", "procedure", "event");

  private static final Pattern HEAD =
      Pattern.compile(
          "(?is)\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?"
              + "(?:AGGREGATE\\s+)?(FUNCTION|PROCEDURE|EVENT)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?)");

  private MysqlObjectDecoder() {}

  /** The attributes of the structured form, allowed only when {@code as} is a body. */
  private static final List<String> STRUCTURED =
      List.of("return", "deterministic", "data_access", "comment");

  static SchemaObject decode(BlockReader r, DialectSpec spec, Evaluator eval) {
    String kind = r.block().type();
    String name = r.block().labels().get(r.block().labels().size() - 1);
    String as = TableDecoder.stripped(r, "as");
    Matcher m = HEAD.matcher(as);
    // a procedure's as that is no CREATE statement can only be its body (one without arguments)
    boolean structured =
        !kind.equals("event")
            && (!r.blocks("arg").isEmpty()
                || STRUCTURED.stream().anyMatch(r::has)
                || (kind.equals("procedure") && !m.lookingAt()));
    if (!m.lookingAt() && structured) {
      return new SchemaObject.Routine(
          name, kind.equals("procedure"), compose(r, spec, eval, kind, name, as), Attrs.EMPTY);
    }
    if (m.lookingAt() && structured) {
      Pos at =
          r.blocks("arg").isEmpty()
              ? r.required(STRUCTURED.stream().filter(r::has).findFirst().orElseThrow()).pos()
              : r.blocks("arg").get(0).pos();
      throw new InputException(
          at,
          r.describe()
              + ": arg, return, deterministic, data_access and comment belong to the structured"
              + " form, where as is the body; as is a complete CREATE statement here");
    }
    if (!m.lookingAt()) {
      throw new InputException(
          r.required("as").pos(),
          r.describe()
              + ": as must be the complete CREATE "
              + kind.toUpperCase(Locale.ROOT)
              + " statement (e.g. as = <<-SQL\n  CREATE "
              + kind.toUpperCase(Locale.ROOT)
              + " `"
              + name
              + "` ...\nSQL)"
              + (kind.equals("event")
                  ? ""
                  : ", or the body with return and arg blocks (Atlas's structured form)"));
    }
    String created = m.group(1).toLowerCase(Locale.ROOT);
    String qualified = m.group(2);
    String bare = unquote(qualified.substring(lastDot(qualified) + 1).strip());
    if (!created.equals(kind) || !bare.equalsIgnoreCase(name)) {
      throw new InputException(
          r.required("as").pos(),
          r.describe()
              + ": as creates "
              + created
              + " \""
              + bare
              + "\", not "
              + kind
              + " \""
              + name
              + "\"");
    }
    Attrs attrs = kind.equals("event") ? Attrs.of("kind", "event") : Attrs.EMPTY;
    return new SchemaObject.Routine(name, kind.equals("procedure"), as, attrs);
  }

  /**
   * {@code CREATE FUNCTION `f`(`a` int) RETURNS int COMMENT '...' DETERMINISTIC NO SQL body} from
   * the structured form.
   */
  private static String compose(
      BlockReader r, DialectSpec spec, Evaluator eval, String kind, String name, String body) {
    boolean function = kind.equals("function");
    List<String> args = new ArrayList<>();
    for (Ast.Block b : r.blocks("arg")) {
      BlockReader a = new BlockReader(b, spec.block("arg"), eval);
      String mode = a.word("mode");
      if (mode != null) {
        mode = mode.toUpperCase(Locale.ROOT);
        if (function || !List.of("IN", "OUT", "INOUT").contains(mode)) {
          throw new InputException(
              a.required("mode").pos(),
              r.describe()
                  + ": arg "
                  + a.label()
                  + ": "
                  + (function
                      ? "function arguments have no mode"
                      : "mode must be IN, OUT or INOUT, not " + mode));
        }
      }
      String charset = a.word("charset");
      args.add(
          (mode == null ? "" : mode + " ")
              + quote(a.label())
              + " "
              + SqlText.type(a.required("type"))
              + (charset == null ? "" : " CHARACTER SET " + charset));
    }
    StringBuilder sb =
        new StringBuilder("CREATE ")
            .append(kind.toUpperCase(Locale.ROOT))
            .append(' ')
            .append(quote(name))
            .append('(')
            .append(String.join(", ", args))
            .append(')');
    if (function) {
      sb.append(" RETURNS ").append(SqlText.type(r.required("return")));
    } else if (r.has("return")) {
      throw new InputException(
          r.required("return").pos(), r.describe() + ": a procedure has no return type");
    }
    sb.append('\n');
    String comment = r.string("comment");
    if (comment != null) {
      sb.append("COMMENT '").append(comment.replace("\\", "\\\\").replace("'", "''")).append("'\n");
    }
    if (r.has("deterministic")) {
      sb.append(r.bool("deterministic", false) ? "DETERMINISTIC\n" : "NOT DETERMINISTIC\n");
    }
    String access = r.word("data_access");
    if (access != null) {
      String sql = access.toUpperCase(Locale.ROOT).replace('_', ' ');
      if (!List.of("NO SQL", "CONTAINS SQL", "READS SQL DATA", "MODIFIES SQL DATA").contains(sql)) {
        throw new InputException(
            r.required("data_access").pos(),
            r.describe()
                + ": data_access must be NO_SQL, CONTAINS_SQL, READS_SQL_DATA or"
                + " MODIFIES_SQL_DATA, not "
                + access);
      }
      sb.append(sql).append('\n');
    }
    return sb.append(body.strip()).toString();
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** The position of the dot that separates a schema from the name, outside backquotes. */
  private static int lastDot(String s) {
    boolean quoted = false;
    int dot = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        dot = i;
      }
    }
    return dot;
  }

  private static String unquote(String s) {
    return s.startsWith("`") ? s.substring(1, s.length() - 1).replace("``", "`") : s;
  }
}
