package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.model.Attrs;
import dev.strata.model.SchemaObject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's {@code function}, {@code procedure} and {@code event} blocks: {@code as} is the complete
 * {@code CREATE} statement (what the encoder writes, as the server's {@code SHOW CREATE} spells it
 * without {@code DEFINER}). The statement must create an object of the block's kind and name, so
 * that what the dev database creates pairs up with the block. Events become {@link
 * SchemaObject.Routine}s with attribute {@code kind=event}, as the inspector reads them.
 */
final class MysqlObjectDecoder {
  static final List<String> KINDS = List.of("function", "procedure", "event");

  private static final Pattern HEAD =
      Pattern.compile(
          "(?is)\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?"
              + "(?:AGGREGATE\\s+)?(FUNCTION|PROCEDURE|EVENT)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "((?:`(?:[^`]|``)+`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[\\w$]+))?)");

  private MysqlObjectDecoder() {}

  static SchemaObject decode(BlockReader r) {
    String kind = r.block().type();
    String name = r.block().labels().get(r.block().labels().size() - 1);
    String as = TableDecoder.stripped(r, "as");
    Matcher m = HEAD.matcher(as);
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
              + "` ...\nSQL)");
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
