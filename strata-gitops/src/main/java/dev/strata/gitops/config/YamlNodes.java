package dev.strata.gitops.config;

import dev.strata.InputException;
import dev.strata.hcl.Pos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, strict reading of a composed YAML node tree (no objects are constructed from tags, so the
 * file cannot instantiate anything). Every error is an {@link InputException} positioned at the
 * offending node: {@code .strata/config.yml:4:3: unknown key "autoaply" (did you mean
 * "autoapply"?)}.
 */
final class YamlNodes {
  private final String file;

  YamlNodes(String file) {
    this.file = file;
  }

  Pos pos(Node n) {
    return new Pos(file, n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1);
  }

  InputException error(Node n, String message) {
    return new InputException(pos(n), message);
  }

  /** The keys and values of a mapping, refusing keys outside {@code allowed}. */
  Map<String, Node> mapping(Node n, String what, Set<String> allowed) {
    if (!(n instanceof MappingNode m)) {
      throw error(n, what + " must be a mapping (key: value), not " + kind(n));
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode s)) {
        throw error(k, "keys of " + what + " must be plain words");
      }
      String key = s.getValue();
      if (!allowed.contains(key)) {
        String hint = closest(key, allowed);
        throw error(
            k,
            "unknown key \""
                + key
                + "\" in "
                + what
                + (hint == null
                    ? " (expected one of: " + String.join(", ", allowed.stream().sorted().toList())
                    : " (did you mean \"" + hint + "\"?")
                + ")");
      }
      if (out.put(key, t.getValueNode()) != null) {
        throw error(k, "key \"" + key + "\" appears twice in " + what);
      }
    }
    return out;
  }

  boolean bool(Node n, String what) {
    if (n instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
      return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    throw error(n, what + " must be true or false, not " + kind(n));
  }

  int integer(Node n, String what) {
    if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
      try {
        int v = Integer.parseInt(s.getValue());
        if (v >= 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw error(n, what + " must be a whole number of zero or more, not " + kind(n));
  }

  String string(Node n, String what) {
    if (n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
      if (Tag.STR.equals(s.getTag()) || Tag.INT.equals(s.getTag())) {
        return s.getValue();
      }
    }
    throw error(n, what + " must be a string, not " + kind(n));
  }

  /** A list of strings; a single string is accepted as a list of one. */
  List<String> strings(Node n, String what) {
    if (n instanceof ScalarNode) {
      return List.of(string(n, what));
    }
    if (!(n instanceof SequenceNode seq)) {
      throw error(n, what + " must be a list of strings, not " + kind(n));
    }
    List<String> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      out.add(string(item, "each entry of " + what));
    }
    return out;
  }

  List<Node> sequence(Node n, String what) {
    if (!(n instanceof SequenceNode seq)) {
      throw error(n, what + " must be a list, not " + kind(n));
    }
    return seq.getValue();
  }

  static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) n;
    if (Tag.NULL.equals(s.getTag())) {
      return "an empty value";
    }
    if (Tag.BOOL.equals(s.getTag())) {
      return "the boolean " + s.getValue();
    }
    if (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag())) {
      return "the number " + s.getValue();
    }
    return "the string \"" + s.getValue() + "\"";
  }

  /** The allowed key closest to a misspelt one (edit distance at most 2), or null. */
  static String closest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = distance(key, a);
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
