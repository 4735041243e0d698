package dev.strata.hcl;

import dev.strata.hcl.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Canonical formatter for HCL native syntax, in the manner of {@code terraform fmt} and {@code
 * atlas schema fmt}.
 *
 * <p>Algorithm: the source is parsed once to reject bad input, then formatted at token level so
 * that nothing (comments in particular) can be lost and the line structure is kept. Each quoted
 * string and heredoc becomes one verbatim atom, so template and heredoc contents are untouched.
 *
 * <ol>
 *   <li>{@link FormatSpacing} decides, token by token, whether one space precedes it.
 *   <li>Tokens are cut into lines at newline tokens; leading, trailing and repeated blank lines are
 *       dropped, and so are blank lines right after an opening or before a closing bracket.
 *   <li>Indentation follows {@code hclwrite}: a line with more openers than closers indents the
 *       following lines by one level (two spaces), remembering how many openers that level stands
 *       for; closers pop levels again, so asymmetric lines cannot drift the indentation. Unlike
 *       {@code hclwrite}, the closers that start a line apply before that line is indented, and a
 *       level they only partly close is topped up again by the line's openers, so that the <code>
 *       }, {</code> between the objects of <code>[{ ... }, { ... }]</code> lines up with the line
 *       that opened them.
 *   <li>Consecutive single-line attributes at one indentation form a chain whose {@code =} signs
 *       are aligned one column past the longest name.
 * </ol>
 *
 * The result depends only on the token sequence, which formatting never changes (except for
 * dropping a trailing comma before a closer on the same line), so formatting is idempotent.
 */
public final class HclFormatter {
  private HclFormatter() {}

  /** One formatted unit: a token's kind and the text to print, and whether a space precedes it. */
  record Atom(Kind kind, String text, boolean space) {
    boolean isOpener() {
      return kind == Kind.LBRACE || kind == Kind.LBRACK || kind == Kind.LPAREN;
    }

    boolean isCloser() {
      return kind == Kind.RBRACE || kind == Kind.RBRACK || kind == Kind.RPAREN;
    }

    int bracketChange() {
      return isOpener() ? 1 : isCloser() ? -1 : 0;
    }
  }

  /** A formatted line: its indentation level and either one cell or a name and an assignment. */
  private record Line(int indent, String lead, String assign, boolean blank) {}

  /** Formats {@code source}; throws InputException when it is not valid HCL. */
  public static String format(String source, String fileName) {
    String src = source.replace("\r\n", "\n");
    List<Token> tokens = HclLexer.tokenize(src, fileName);
    HclParser.parse(tokens, fileName);
    List<Atom> atoms = FormatSpacing.atoms(src, tokens);
    List<List<Atom>> lines = dropBlankLines(splitLines(atoms));
    List<Line> out = layout(lines);
    return render(out);
  }

  private static List<List<Atom>> splitLines(List<Atom> atoms) {
    List<List<Atom>> lines = new ArrayList<>();
    List<Atom> current = new ArrayList<>();
    for (Atom atom : atoms) {
      if (atom.kind() == Kind.NEWLINE) {
        lines.add(current);
        current = new ArrayList<>();
      } else {
        current.add(atom);
      }
    }
    lines.add(current);
    return lines;
  }

  private static List<List<Atom>> dropBlankLines(List<List<Atom>> lines) {
    List<List<Atom>> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<Atom> line = lines.get(i);
      if (line.isEmpty()) {
        List<Atom> previous = kept.isEmpty() ? List.of() : kept.get(kept.size() - 1);
        List<Atom> next = nextNonBlank(lines, i);
        boolean keep =
            !previous.isEmpty()
                && !endsWithOpener(previous)
                && !next.isEmpty()
                && !next.get(0).isCloser();
        if (!keep) {
          continue;
        }
      }
      kept.add(line);
    }
    return kept;
  }

  private static List<Atom> nextNonBlank(List<List<Atom>> lines, int from) {
    for (int i = from + 1; i < lines.size(); i++) {
      if (!lines.get(i).isEmpty()) {
        return lines.get(i);
      }
    }
    return List.of();
  }

  private static boolean endsWithOpener(List<Atom> line) {
    for (int i = line.size() - 1; i >= 0; i--) {
      if (line.get(i).kind() != Kind.COMMENT) {
        return line.get(i).isOpener();
      }
    }
    return false;
  }

  /**
   * Computes indentation (an hclwrite-like indent stack) and splits attribute lines at their '='.
   */
  private static List<Line> layout(List<List<Atom>> lines) {
    List<Line> out = new ArrayList<>();
    Deque<Integer> indents = new ArrayDeque<>();
    for (List<Atom> line : lines) {
      if (line.isEmpty()) {
        out.add(new Line(0, "", null, true));
        continue;
      }
      int leading = 0;
      while (leading < line.size() && line.get(leading).isCloser()) {
        leading++;
      }
      boolean partial = close(indents, leading);
      int indent = indents.size() - (partial ? 1 : 0);
      int rest = line.stream().mapToInt(Atom::bracketChange).sum() + leading;
      if (rest > 0 && partial) {
        indents.push(indents.pop() + rest);
      } else if (rest > 0) {
        indents.push(rest);
      } else {
        close(indents, -rest);
      }
      int eq = assignIndex(line);
      out.add(
          eq < 0
              ? new Line(indent, cells(line, 0, line.size()), null, false)
              : new Line(indent, cells(line, 0, eq), cells(line, eq, line.size()), false));
    }
    return out;
  }

  /**
   * Pops {@code closed} brackets off the indent stack; true when a level was only partly closed.
   */
  private static boolean close(Deque<Integer> indents, int closed) {
    while (closed > 0 && !indents.isEmpty()) {
      int top = indents.pop();
      if (closed < top) {
        indents.push(top - closed);
        return true;
      }
      closed -= top;
    }
    return false;
  }

  /**
   * The index of the '=' of a single-line attribute (or object item): the first '=' outside
   * brackets, not first on the line, after which brackets balance; -1 when there is none.
   */
  private static int assignIndex(List<Atom> line) {
    int depth = 0;
    for (int i = 0; i < line.size(); i++) {
      Atom atom = line.get(i);
      if (atom.kind() == Kind.EQUAL && depth == 0 && i > 0) {
        int net = 0;
        for (Atom rest : line.subList(i, line.size())) {
          net += rest.bracketChange();
          if (rest.kind() == Kind.OHEREDOC) {
            return -1;
          }
        }
        return net == 0 ? i : -1;
      }
      depth += atom.bracketChange();
    }
    return -1;
  }

  private static String cells(List<Atom> line, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      Atom atom = line.get(i);
      if (i > from && atom.space()) {
        sb.append(' ');
      }
      sb.append(atom.text());
    }
    return sb.toString();
  }

  private static String render(List<Line> lines) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < lines.size()) {
      Line line = lines.get(i);
      if (line.assign() == null) {
        if (!line.blank()) {
          sb.append("  ".repeat(line.indent())).append(line.lead());
        }
        sb.append('\n');
        i++;
        continue;
      }
      int end = i;
      int width = 0;
      while (end < lines.size()
          && lines.get(end).assign() != null
          && lines.get(end).indent() == line.indent()) {
        width = Math.max(width, lines.get(end).lead().length());
        end++;
      }
      for (Line member : lines.subList(i, end)) {
        sb.append("  ".repeat(member.indent()))
            .append(member.lead())
            .append(" ".repeat(width - member.lead().length() + 1))
            .append(member.assign())
            .append('\n');
      }
      i = end;
    }
    return sb.toString();
  }
}
