package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.dialect.postgres.PostgresAttrs;
import dev.strata.diff.Differ;
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
  private final Map<String, Map<String, String>> keys = new HashMap<>();

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
    for (String path : List.of("table", "column", "index")) {
      extra(path, Differ.RENAMED_FROM, Extra.STRING);
    }
    switch (name) {
      case "sqlite" -> {
        attrs("column", "auto_increment", "collate");
        extra("table", "strict", Extra.FLAG);
        extra("table", "without_rowid", Extra.FLAG);
      }
      case "postgres" -> {
        nested(
            "file",
            "enum",
            "domain",
            "sequence",
            "composite",
            "function",
            "procedure",
            "extension",
            "materialized",
            "policy");
        attrs("enum", "schema", "values", "comment");
        attrs("domain", "schema", "type", "null", "default", "comment", "collate");
        nested("domain", "check");
        attrs("domain.check", "expr");
        extra("domain.check", "not_valid", Extra.FLAG);
        attrs(
            "sequence",
            "schema",
            "type",
            "start",
            "increment",
            "min_value",
            "max_value",
            "cache",
            "cycle",
            "owner",
            "comment");
        attrs("composite", "schema", "comment");
        nested("composite", "field");
        attrs("composite.field", "type");
        for (String kind : List.of("function", "procedure")) {
          attrs(kind, "schema", "lang", "return", "as", "comment");
          nested(kind, "arg");
        }
        attrs("arg", "type", "mode", "default");
        attrs("extension", "schema", "version", "comment");
        attrs("policy", "on", "as", "for", "to", "using", "check", "comment");
        extra("policy", Differ.RENAMED_FROM, Extra.STRING);
        attrs("materialized", "schema", "as", "comment", "depends_on");
        nested("materialized", "column", "index");
        attrs("materialized.index", "unique", "type", "where", "as");
        nested("materialized.index", "on");
        attrs("materialized.index.on", "column", "expr", "desc");
        extra("materialized", "with", Extra.STRING);
        extra("view", "with", Extra.STRING);
        attrs("column", "collate");
        nested("column", "identity");
        attrs("identity", "generated", "start", "increment", "min_value", "max_value");
        extra("table", "unlogged", Extra.FLAG);
        extra("table", "with", Extra.STRING);
        attrs("table", "partition_of", "partition_bound");
        nested("table", "unique", "partition", "row_security", "exclude");
        attrs("exclude", "type", "where", "as");
        nested("exclude", "on");
        attrs("exclude.on", "column", "expr", "op");
        attrs("row_security", "enabled", "enforced");
        attrs("partition", "type", "columns");
        nested("partition", "by");
        attrs("partition.by", "column", "expr");
        attrs("unique", "columns", "include", "nulls_distinct");
        nested("unique", "on");
        extra("unique", "deferrable", Extra.STRING);
        attrs("index", "type", "include", "nulls_distinct");
        extra("index", "with", Extra.STRING);
        extra("index", "page_per_range", Extra.NUMBER);
        extra("index.on", "ops", Extra.WORD, PostgresAttrs.OPCLASS);
        extra("index.on", "collate", Extra.STRING);
        extra("index.on", "nulls_first", Extra.FLAG);
        extra("index.on", "nulls_last", Extra.FLAG);
        extra("foreign_key", "deferrable", Extra.STRING);
        extra("foreign_key", "not_valid", Extra.FLAG);
        extra("check", "no_inherit", Extra.FLAG);
        extra("check", "not_valid", Extra.FLAG);
        extra("trigger", "enabled", Extra.WORD);
        for (String path : List.of("primary_key", "unique", "foreign_key", "check", "exclude")) {
          extra(path, "comment", Extra.STRING);
        }
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
        extra("table", "row_format", Extra.WORD);
        extra("column", "unsigned", Extra.FLAG);
        extra("column", "zerofill", Extra.FLAG);
        extra("column", "invisible", Extra.FLAG);
        attrs("index", "type");
        attrs("primary_key", "type");
        extra("index", "parser", Extra.WORD);
        extra("index", "invisible", Extra.FLAG);
        extra("check", "enforced", Extra.BOOL);
        extra("view", "algorithm", Extra.WORD);
        extra("view", "security", Extra.WORD);
        extra("view", "definer", Extra.STRING);
        extra("view", "check_option", Extra.WORD);
        extra("index.on", "prefix", Extra.NUMBER);
        extra("primary_key.on", "prefix", Extra.NUMBER);
        nested("file", "function", "procedure", "event");
        attrs("event", "schema", "as");
        for (String kind : List.of("function", "procedure")) {
          // Atlas's structured form: arg blocks, return and characteristics, as = the body
          attrs(kind, "schema", "as", "return", "deterministic", "data_access", "comment");
          nested(kind, "arg");
        }
        attrs("arg", "type", "mode", "charset");
        nested("table", "partition");
        attrs("partition", "as");
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
            path,
            a,
            extras.getOrDefault(path, Map.of()),
            blocks.getOrDefault(path, Set.of()),
            keys.getOrDefault(path, Map.of()));
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

  /** An extra stored under another model key than its HCL name. */
  private void extra(String path, String attr, Extra kind, String key) {
    extra(path, attr, kind);
    keys.computeIfAbsent(path, p -> new HashMap<>()).put(attr, key);
  }
}
