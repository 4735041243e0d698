package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.schemahcl.BlockSpec.Extra;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attribute table of the Atlas HCL schema language, per dialect: for every block path, which
 * attributes and nested blocks are allowed. The common part is what Atlas documents for every
 * database; each dialect adds its own attributes, most of them as {@link BlockSpec.Extra extras}
 * that need no decoder code. Supporting a new attribute usually means one line here.
 */
final class DialectSpec {
  /** Dialect names this table knows. */
  static final List<String> DIALECTS = List.of("sqlite", "postgres", "mysql");

  private final String name;
  private final Map<String, Set<String>> attributes = new HashMap<>();
  private final Map<String, Map<String, Extra>> extras = new HashMap<>();
  private final Map<String, Set<String>> blocks = new HashMap<>();

  /** Specs already built by {@link #block}, which is asked once per block of the input. */
  private final Map<String, BlockSpec> specs = new HashMap<>();

  private DialectSpec(String name) {
    this.name = name;
    attrs("file");
    nested("file", "schema", "table", "view", "trigger", "variable", "locals");
    attrs("variable", "type", "default", "description", "sensitive");
    attrs("schema");
    extra("schema", "comment", Extra.STRING);
    attrs("table", "schema", "comment");
    nested("table", "column", "primary_key", "index", "foreign_key", "check");
    attrs("column", "null", "type", "default", "comment", "as");
    nested("column", "as");
    attrs("column.as", "expr", "type");
    attrs("primary_key", "columns");
    nested("primary_key", "on");
    attrs("primary_key.on", "column", "desc");
    attrs("index", "unique", "columns", "where");
    nested("index", "on");
    extra("index", "comment", Extra.STRING);
    attrs("index.on", "column", "expr", "desc");
    attrs("foreign_key", "columns", "ref_columns", "on_update", "on_delete");
    attrs("check", "expr");
    attrs("view", "schema", "as", "comment", "depends_on");
    nested("view", "column");
    attrs("view.column", "type", "null", "comment");
    attrs("trigger", "on", "as", "for", "foreach", "when");
    nested("trigger", "before", "after", "instead_of");
    extra("trigger", "comment", Extra.STRING);
    attrs("trigger.event", "insert", "update", "update_of", "delete");
    switch (name) {
      case "sqlite" -> {
        attrs("column", "auto_increment", "collate");
        extra("table", "strict", Extra.FLAG);
        extra("table", "without_rowid", Extra.FLAG);
      }
      case "postgres" -> {
        attrs("column", "collate");
        extra("index", "type", Extra.WORD);
        extra("index", "nulls_distinct", Extra.BOOL);
        extra("index", "page_per_range", Extra.NUMBER);
        extra("index.on", "ops", Extra.WORD);
        extra("index.on", "collate", Extra.STRING);
        extra("check", "no_inherit", Extra.FLAG);
      }
      case "mysql" -> {
        attrs("column", "auto_increment", "collate");
        extra("column", "charset", Extra.STRING);
        extra("column", "on_update", Extra.SQL);
        extra("schema", "charset", Extra.STRING);
        extra("schema", "collate", Extra.STRING);
        extra("table", "charset", Extra.STRING);
        extra("table", "collate", Extra.STRING);
        extra("table", "engine", Extra.WORD);
        extra("table", "auto_increment", Extra.NUMBER);
        extra("index", "type", Extra.WORD);
        extra("index", "parser", Extra.WORD);
        extra("index.on", "prefix", Extra.NUMBER);
        extra("primary_key.on", "prefix", Extra.NUMBER);
      }
      default -> throw new IllegalStateException(name);
    }
  }

  /** The table for a dialect; an unknown name is a usage error. */
  static DialectSpec of(String dialect) {
    if (!DIALECTS.contains(dialect)) {
      throw new InputException(
          "unknown dialect \"" + dialect + "\"; expected one of " + String.join(", ", DIALECTS));
    }
    return new DialectSpec(dialect);
  }

  String name() {
    return name;
  }

  BlockSpec block(String path) {
    BlockSpec cached = specs.get(path);
    if (cached != null) {
      return cached;
    }
    Set<String> a = attributes.get(path);
    if (a == null) {
      throw new IllegalArgumentException("no block spec for " + path);
    }
    BlockSpec spec =
        new BlockSpec(
            path, a, extras.getOrDefault(path, Map.of()), blocks.getOrDefault(path, Set.of()));
    specs.put(path, spec);
    return spec;
  }

  /** The extras of a block in a stable order, for the encoder. */
  Map<String, Extra> extras(String path) {
    return new TreeMap<>(extras.getOrDefault(path, Map.of()));
  }

  private void attrs(String path, String... names) {
    attributes.computeIfAbsent(path, p -> new HashSet<>()).addAll(List.of(names));
  }

  private void nested(String path, String... names) {
    blocks.computeIfAbsent(path, p -> new HashSet<>()).addAll(List.of(names));
  }

  private void extra(String path, String attr, Extra kind) {
    extras.computeIfAbsent(path, p -> new HashMap<>()).put(attr, kind);
  }
}
