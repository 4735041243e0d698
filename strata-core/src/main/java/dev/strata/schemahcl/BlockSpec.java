package dev.strata.schemahcl;

import java.util.Map;
import java.util.Set;

/**
 * What one kind of block accepts in one dialect: the attributes its decoder interprets itself, the
 * dialect extras that map straight into the model object's {@link dev.strata.model.Attrs}, and the
 * nested block types. {@code path} names the block in the attribute table ("table", "index.on").
 */
record BlockSpec(
    String path,
    Set<String> attributes,
    Map<String, Extra> extras,
    Set<String> blocks,
    Map<String, String> keys) {
  BlockSpec {
    attributes = Set.copyOf(attributes);
    extras = Map.copyOf(extras);
    blocks = Set.copyOf(blocks);
    keys = Map.copyOf(keys);
  }

  /** The model attr key of an extra: its HCL name unless the dialect maps it to another key. */
  String key(String attr) {
    return keys.getOrDefault(attr, attr);
  }

  boolean allowsAttribute(String name) {
    return attributes.contains(name) || extras.containsKey(name);
  }

  /** How a dialect extra is read from HCL, stored as text in Attrs, and written back. */
  enum Extra {
    /** A bool stored only when true, as "true" (SQLite's {@code strict}). */
    FLAG,
    /** A bool stored as "true" or "false". */
    BOOL,
    /** A bare word or a string, stored as its text ({@code engine = InnoDB}). */
    WORD,
    /** A string. */
    STRING,
    /** A number, stored as written. */
    NUMBER,
    /**
     * {@code sql("...")}, stored as the SQL text ({@code on_update = sql("CURRENT_TIMESTAMP")}).
     */
    SQL
  }
}
