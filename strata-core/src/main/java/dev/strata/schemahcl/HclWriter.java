package dev.strata.schemahcl;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes HCL text: blocks with two-space indentation, attributes whose {@code =} signs are aligned
 * within each run of attributes (a multi-line value ends a run, as in {@code hclwrite}), quoted
 * strings with HCL escapes, and {@code <<-SQL} heredocs for multi-line SQL that can be written as
 * one without changing its text.
 */
final class HclWriter {
  private static final String MARKER = "SQL";

  private final StringBuilder out = new StringBuilder();
  private final List<String[]> run = new ArrayList<>();
  private int depth;

  /** Adds {@code name = value}; {@code value} is HCL expression text. */
  HclWriter attr(String name, String value) {
    run.add(new String[] {name, value});
    if (value.indexOf('\n') >= 0) {
      flush();
    }
    return this;
  }

  HclWriter open(String type, List<String> labels) {
    flush();
    indent().append(type);
    for (String label : labels) {
      out.append(' ').append(quoted(label, false));
    }
    out.append(" {\n");
    depth++;
    return this;
  }

  HclWriter close() {
    flush();
    depth--;
    indent().append("}\n");
    return this;
  }

  HclWriter blankLine() {
    flush();
    out.append('\n');
    return this;
  }

  String text() {
    flush();
    return out.toString();
  }

  private void flush() {
    int width = run.stream().mapToInt(a -> a[0].length()).max().orElse(0);
    for (String[] a : run) {
      indent().append(a[0]).append(" ".repeat(width - a[0].length())).append(" = ").append(a[1]);
      out.append('\n');
    }
    run.clear();
  }

  private StringBuilder indent() {
    return out.append("  ".repeat(depth));
  }

  /** An HCL quoted string; {@code template} escapes {@code ${} and {@code %{} too. */
  static String quoted(String s, boolean template) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean brace = i + 1 < s.length() && s.charAt(i + 1) == '{';
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '$', '%' -> sb.append(template && brace ? "" + c + c : "" + c);
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** An HCL string expression for {@code s}. */
  static String string(String s) {
    return quoted(s, true);
  }

  /**
   * SQL text as a {@code <<-SQL} heredoc when it spans lines and reads back unchanged (every line
   * empty or starting without a tab, some line not indented, no whitespace-only line, no line that
   * is the marker), else as a quoted string. The heredoc is indented one level below the current.
   */
  String sql(String s) {
    String[] lines = s.split("\n", -1);
    boolean heredoc = lines.length > 1 && !s.contains("\r");
    boolean unindented = false;
    for (String line : lines) {
      heredoc &= line.isEmpty() || !line.isBlank() && !line.startsWith("\t");
      heredoc &= !line.strip().equals(MARKER);
      unindented |= !line.isEmpty() && !line.startsWith(" ");
    }
    if (!heredoc || !unindented || lines[lines.length - 1].isEmpty()) {
      return string(s);
    }
    String pad = "  ".repeat(depth + 1);
    StringBuilder sb = new StringBuilder("<<-" + MARKER + "\n");
    for (String line : lines) {
      if (!line.isEmpty()) {
        sb.append(pad).append(line.replace("${", "$${").replace("%{", "%%{"));
      }
      sb.append('\n');
    }
    return sb.append("  ".repeat(depth)).append(MARKER).toString();
  }
}
