package dev.strata.json;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for Strata's values: records (components in declaration order, null
 * components left out), collections, maps, strings, numbers, booleans and enums. Keeps the core
 * free of a JSON library; reading JSON is not needed here.
 */
public final class Json {
  private Json() {}

  /** Pretty-printed JSON of {@code value} with two-space indentation. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Enum<?> e) {
      quote(sb, e.name());
    } else if (v instanceof Map<?, ?> m) {
      writeObject(sb, m, depth);
    } else if (v instanceof Collection<?> c) {
      writeArray(sb, c, depth);
    } else if (v.getClass().isRecord()) {
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      for (RecordComponent rc : v.getClass().getRecordComponents()) {
        try {
          Object f = rc.getAccessor().invoke(v);
          if (f != null) {
            fields.put(rc.getName(), f);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      writeObject(sb, fields, depth);
    } else {
      quote(sb, v.toString());
    }
  }

  private static void writeObject(StringBuilder sb, Map<?, ?> m, int depth) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      indent(sb, depth + 1);
      quote(sb, String.valueOf(e.getKey()));
      sb.append(": ");
      write(sb, e.getValue(), depth + 1);
      sb.append(++i < m.size() ? ",\n" : "\n");
    }
    indent(sb, depth);
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, Collection<?> c, int depth) {
    if (c.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append("[\n");
    int i = 0;
    for (Object o : c) {
      indent(sb, depth + 1);
      write(sb, o, depth + 1);
      sb.append(++i < c.size() ? ",\n" : "\n");
    }
    indent(sb, depth);
    sb.append(']');
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth));
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }
}
