package dev.strata.json;

import dev.strata.InputException;
import dev.strata.hcl.Pos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader, the counterpart of {@link Json}: objects become {@link LinkedHashMap}s (key
 * order kept), arrays {@link List}s, numbers {@link BigDecimal}s, and strings, booleans and null
 * themselves. Errors are {@link InputException}s positioned at {@code file:line:column}.
 */
public final class JsonReader {
  private final String src;
  private final String file;
  private int i;

  private JsonReader(String src, String file) {
    this.src = src;
    this.file = file;
  }

  /** Parses one JSON value; {@code file} names the source in error messages. */
  public static Object parse(String src, String file) {
    JsonReader r = new JsonReader(src, file);
    r.space();
    Object v = r.value();
    r.space();
    if (r.i < src.length()) {
      throw r.error("unexpected text after the JSON value");
    }
    return v;
  }

  private Object value() {
    if (i >= src.length()) {
      throw error("unexpected end of input");
    }
    char ch = src.charAt(i);
    switch (ch) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return word("null", null);
      default:
        if (ch == '-' || Character.isDigit(ch)) {
          return number();
        }
        throw error("unexpected character '" + ch + "'");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    space();
    if (peek('}')) {
      i++;
      return m;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("expected a string key");
      }
      String key = string();
      space();
      expect(':');
      space();
      m.put(key, value());
      space();
      if (peek(',')) {
        i++;
      } else {
        expect('}');
        return m;
      }
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    i++;
    space();
    if (peek(']')) {
      i++;
      return out;
    }
    while (true) {
      space();
      out.add(value());
      space();
      if (peek(',')) {
        i++;
      } else {
        expect(']');
        return out;
      }
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    i++;
    while (i < src.length()) {
      char ch = src.charAt(i++);
      if (ch == '"') {
        return sb.toString();
      }
      if (ch != '\\') {
        sb.append(ch);
        continue;
      }
      if (i >= src.length()) {
        break;
      }
      char e = src.charAt(i++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 > src.length()) {
            throw error("bad \\u escape");
          }
          sb.append((char) Integer.parseInt(src.substring(i, i + 4), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    throw error("unterminated string");
  }

  private BigDecimal number() {
    int start = i;
    while (i < src.length() && "+-0123456789.eE".indexOf(src.charAt(i)) >= 0) {
      i++;
    }
    try {
      return new BigDecimal(src.substring(start, i));
    } catch (NumberFormatException e) {
      i = start;
      throw error("bad number");
    }
  }

  private Object word(String w, Object v) {
    if (!src.startsWith(w, i)) {
      throw error("unexpected character '" + src.charAt(i) + "'");
    }
    i += w.length();
    return v;
  }

  private boolean peek(char ch) {
    return i < src.length() && src.charAt(i) == ch;
  }

  private void expect(char ch) {
    if (!peek(ch)) {
      throw error("expected '" + ch + "'");
    }
    i++;
  }

  private void space() {
    while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
      i++;
    }
  }

  private InputException error(String msg) {
    int line = 1;
    int col = 1;
    for (int k = 0; k < Math.min(i, src.length()); k++) {
      if (src.charAt(k) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new InputException(new Pos(file, line, col), msg);
  }
}
