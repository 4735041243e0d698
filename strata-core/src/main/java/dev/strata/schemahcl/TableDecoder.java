package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.dialect.postgres.PostgresAttrs;
import dev.strata.hcl.Ast;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one {@code table} block with its {@code column}, {@code primary_key}, {@code index},
 * {@code foreign_key} and {@code check} blocks into a {@link Table}. Columns are NOT NULL unless
 * {@code null = true}, as in Atlas.
 */
final class TableDecoder {
  private static final List<String> ACTIONS =
      List.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT");

  private final DialectSpec spec;
  private final Evaluator eval;
  private final Catalog catalog;

  TableDecoder(DialectSpec spec, Evaluator eval, Catalog catalog) {
    this.spec = spec;
    this.eval = eval;
    this.catalog = catalog;
  }

  private BlockReader reader(Ast.Block b, String path) {
    return new BlockReader(b, spec.block(path), eval);
  }

  Table decode(Catalog.Entry entry, BlockReader t) {
    List<Column> columns = new ArrayList<>();
    for (Ast.Block b : t.blocks("column")) {
      columns.add(column(reader(b, "column"), entry));
    }
    List<Ast.Block> pks = t.blocks("primary_key");
    if (pks.size() > 1) {
      throw new InputException(pks.get(1).pos(), t.describe() + ": more than one primary_key");
    }
    PrimaryKey pk = pks.isEmpty() ? null : primaryKey(reader(pks.get(0), "primary_key"), entry);
    List<Index> indexes = new ArrayList<>();
    Map<String, Ast.Block> names = new HashMap<>();
    for (Ast.Block b : t.block().body().blocks()) {
      if (b.type().equals("index") || b.type().equals("unique")) {
        BlockReader r = reader(b, b.type());
        unique(names, "index", r);
        indexes.add(index(r, entry));
      }
    }
    List<ForeignKey> fks = new ArrayList<>();
    names.clear();
    for (Ast.Block b : t.blocks("foreign_key")) {
      BlockReader r = reader(b, "foreign_key");
      if (r.optionalLabel() != null) {
        unique(names, "foreign_key", r);
      }
      fks.add(foreignKey(r, entry));
    }
    List<Check> checks = new ArrayList<>();
    names.clear();
    for (Ast.Block b : t.blocks("check")) {
      BlockReader r = reader(b, "check");
      String name = r.optionalLabel();
      if (name != null) {
        unique(names, "check", r);
      }
      checks.add(new Check(name, stripped(r, "expr"), r.extras()));
    }
    for (Ast.Block b : t.blocks("exclude")) {
      BlockReader r = reader(b, "exclude");
      unique(names, "check", r);
      checks.add(
          new Check(
              r.label(), exclusion(r, entry), r.extras().with(PostgresAttrs.EXCLUSION, "true")));
    }
    return new Table(
        entry.name(), columns, pk, indexes, fks, checks, t.string("comment"), tableAttrs(t, entry));
  }

  /**
   * A table's extras with PostgreSQL's {@code partition} and {@code row_security} blocks, or
   * MySQL's {@code partition { as = "PARTITION BY ..." }}.
   */
  private Attrs tableAttrs(BlockReader t, Catalog.Entry entry) {
    Attrs attrs = t.extras();
    for (Ast.Block b : t.blocks("row_security")) {
      BlockReader r = reader(b, "row_security");
      attrs =
          attrs
              .with(PostgresAttrs.RLS, r.bool("enabled", false) ? "true" : null)
              .with(PostgresAttrs.RLS_FORCE, r.bool("enforced", false) ? "true" : null);
    }
    List<Ast.Block> partitions = t.blocks("partition");
    if (partitions.size() > 1) {
      throw new InputException(partitions.get(1).pos(), t.describe() + ": more than one partition");
    }
    if (!partitions.isEmpty() && spec.name().equals("mysql")) {
      BlockReader r = reader(partitions.get(0), "partition");
      String clause = stripped(r, "as").strip();
      if (!clause.toUpperCase(Locale.ROOT).matches("PARTITION\\s+BY\\s[\\s\\S]*")) {
        throw new InputException(
            r.required("as").pos(),
            "partition: as must be the table's PARTITION BY clause, e.g."
                + " \"PARTITION BY HASH (id) PARTITIONS 4\"");
      }
      attrs = attrs.with("partition", clause);
    } else if (!partitions.isEmpty()) {
      BlockReader r = reader(partitions.get(0), "partition");
      String type = r.word("type");
      if (type == null) {
        throw r.missing("type");
      }
      type = type.toUpperCase(Locale.ROOT);
      if (!List.of("RANGE", "LIST", "HASH").contains(type)) {
        throw new InputException(r.required("type").pos(), "type must be RANGE, LIST or HASH");
      }
      List<String> keys = new ArrayList<>();
      for (Value v : r.list("columns")) {
        keys.add(PostgresObjectDecoder.ident(catalog.ownColumn(v, entry)));
      }
      for (Ast.Block b : r.blocks("by")) {
        BlockReader by = reader(b, "partition.by");
        if (by.has("column") == by.has("expr")) {
          throw new InputException(by.pos(), "by: needs either column or expr");
        }
        keys.add(
            by.has("column")
                ? PostgresObjectDecoder.ident(catalog.ownColumn(by.required("column"), entry))
                : "(" + stripped(by, "expr") + ")");
      }
      if (keys.isEmpty()) {
        throw new InputException(r.pos(), "partition: needs columns or by blocks");
      }
      attrs = attrs.with(PostgresAttrs.PARTITION_BY, type + " (" + String.join(", ", keys) + ")");
    }
    return partitionOf(t, attrs);
  }

  /**
   * A partition of another table: {@code partition_of = table.PARENT} and {@code partition_bound =
   * "FOR VALUES FROM (...) TO (...)"} (also {@code IN (...)}, {@code WITH (MODULUS m, REMAINDER
   * r)}, or {@code "DEFAULT"}; the words {@code FOR VALUES} may be left out). Its columns come from
   * the parent, so it declares none.
   */
  private Attrs partitionOf(BlockReader t, Attrs attrs) {
    if (!t.has("partition_of") && !t.has("partition_bound")) {
      return attrs;
    }
    if (!t.has("partition_of")) {
      throw new InputException(
          t.required("partition_bound").pos(),
          t.describe() + ": partition_bound needs partition_of = table.PARENT");
    }
    if (!t.has("partition_bound")) {
      throw new InputException(
          t.required("partition_of").pos(),
          t.describe()
              + ": partition_of needs partition_bound, e.g. \"FOR VALUES FROM (1) TO (100)\","
              + " \"FOR VALUES IN ('a')\", \"FOR VALUES WITH (MODULUS 4, REMAINDER 0)\" or"
              + " \"DEFAULT\"");
    }
    Catalog.Entry parent = catalog.object(t.required("partition_of"), List.of("table"));
    if (!t.blocks("column").isEmpty()) {
      throw new InputException(
          t.blocks("column").get(0).pos(),
          t.describe()
              + ": a partition takes its columns from its parent table \""
              + parent.name()
              + "\"; remove its column blocks");
    }
    String bound = stripped(t, "partition_bound").strip();
    String upper = bound.toUpperCase(Locale.ROOT);
    if (upper.startsWith("FROM") || upper.startsWith("IN") || upper.startsWith("WITH")) {
      bound = "FOR VALUES " + bound;
    } else if (!upper.startsWith("FOR VALUES") && !upper.equals("DEFAULT")) {
      throw new InputException(
          t.required("partition_bound").pos(),
          "partition_bound must be FOR VALUES FROM (...) TO (...), FOR VALUES IN (...), FOR"
              + " VALUES WITH (MODULUS m, REMAINDER r) or DEFAULT, not \""
              + bound
              + "\"");
    }
    return attrs
        .with(
            PostgresAttrs.PARTITION_OF,
            PostgresObjectDecoder.ident(parent.schema())
                + "."
                + PostgresObjectDecoder.ident(parent.name()))
        .with(PostgresAttrs.PARTITION_BOUND, bound);
  }

  /**
   * The definition of a PostgreSQL {@code exclude} block, as {@code pg_get_constraintdef} spells
   * it: {@code EXCLUDE USING gist (a WITH =, (expr) WITH &&) WHERE (...)}. {@code as} gives the
   * whole definition instead; {@code type} defaults to GIST.
   */
  private String exclusion(BlockReader r, Catalog.Entry table) {
    if (r.has("as")) {
      for (String attr : List.of("type", "where")) {
        if (r.has(attr)) {
          throw new InputException(r.required(attr).pos(), "give either as or " + attr);
        }
      }
      String def = stripped(r, "as").strip();
      if (!def.toUpperCase(Locale.ROOT).startsWith("EXCLUDE")) {
        throw new InputException(r.required("as").pos(), "as must start with EXCLUDE");
      }
      return def;
    }
    List<String> parts = new ArrayList<>();
    for (Ast.Block b : r.blocks("on")) {
      BlockReader on = reader(b, "exclude.on");
      if (on.has("column") == on.has("expr")) {
        throw new InputException(on.pos(), "on needs either column or expr");
      }
      String elem =
          on.has("column")
              ? PostgresObjectDecoder.ident(catalog.ownColumn(on.required("column"), table))
              : "(" + stripped(on, "expr").strip() + ")";
      parts.add(elem + " WITH " + BlockReader.asWord("op", on.required("op")));
    }
    if (parts.isEmpty()) {
      throw new InputException(r.pos(), r.describe() + ": needs an on block");
    }
    String type = r.word("type");
    return "EXCLUDE USING "
        + (type == null ? "gist" : type.toLowerCase(Locale.ROOT))
        + " ("
        + String.join(", ", parts)
        + ")"
        + (r.has("where") ? " WHERE (" + stripped(r, "where") + ")" : "");
  }

  private static void unique(Map<String, Ast.Block> names, String kind, BlockReader r) {
    Ast.Block first = names.putIfAbsent(r.label(), r.block());
    if (first != null) {
      throw new InputException(r.pos(), Evaluator.duplicate(kind, r.label(), first.pos()));
    }
  }

  private Column column(BlockReader c, Catalog.Entry table) {
    String type = catalog.typeRef(c.required("type"), table.schema());
    if (type == null) {
      type = SqlText.type(c.required("type"));
    }
    boolean nullable = c.bool("null", false);
    String dflt = c.value("default").map(SqlText::defaultExpr).orElse(null);
    boolean autoIncrement = c.has("auto_increment") && c.bool("auto_increment", false);
    Column.Generated generated = generated(c);
    String collation = c.has("collate") ? c.string("collate") : null;
    return new Column(
        c.label(),
        type,
        nullable,
        dflt,
        autoIncrement,
        generated,
        collation,
        c.string("comment"),
        identity(c, c.extras()));
  }

  /** PostgreSQL's {@code identity} block, as the inspector's identity attrs. */
  private Attrs identity(BlockReader c, Attrs attrs) {
    List<Ast.Block> blocks = c.blocks("identity");
    if (blocks.isEmpty()) {
      return attrs;
    } else if (blocks.size() > 1) {
      throw new InputException(blocks.get(1).pos(), c.describe() + ": more than one identity");
    }
    BlockReader r = reader(blocks.get(0), "identity");
    String gen = r.word("generated");
    gen = gen == null ? "BY DEFAULT" : gen.toUpperCase(Locale.ROOT).replace('_', ' ');
    if (!gen.equals("ALWAYS") && !gen.equals("BY DEFAULT")) {
      throw new InputException(
          r.required("generated").pos(), "generated must be ALWAYS or BY_DEFAULT");
    }
    long inc = number(r, "increment", 1);
    Long min = r.has("min_value") ? number(r, "min_value", 0) : null;
    Long max = r.has("max_value") ? number(r, "max_value", 0) : null;
    long effMin = min != null ? min : inc > 0 ? 1 : Long.MIN_VALUE;
    long effMax = max != null ? max : inc > 0 ? Long.MAX_VALUE : -1;
    Long start = r.has("start") ? number(r, "start", 0) : null;
    start = start != null && start == (inc > 0 ? effMin : effMax) ? null : start;
    min = min != null && inc > 0 && min == 1 ? null : min;
    max = max != null && inc < 0 && max == -1 ? null : max;
    return attrs
        .with(PostgresAttrs.IDENTITY, gen)
        .with(PostgresAttrs.IDENTITY_START, start == null ? null : start.toString())
        .with(PostgresAttrs.IDENTITY_INCREMENT, inc == 1 ? null : Long.toString(inc))
        .with(PostgresAttrs.IDENTITY_MIN, min == null ? null : min.toString())
        .with(PostgresAttrs.IDENTITY_MAX, max == null ? null : max.toString());
  }

  static long number(BlockReader r, String attr, long absent) {
    Optional<Value> v = r.value(attr);
    if (v.isEmpty()) {
      return absent;
    }
    if (v.get() instanceof Value.Num n) {
      try {
        return Long.parseLong(n.text());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new InputException(v.get().pos(), attr + " must be an integer");
  }

  private Column.Generated generated(BlockReader c) {
    List<Ast.Block> blocks = c.blocks("as");
    if (blocks.size() > 1 || (!blocks.isEmpty() && c.has("as"))) {
      throw new InputException(c.pos(), c.describe() + ": more than one \"as\"");
    }
    if (c.has("as")) {
      return new Column.Generated(stripped(c, "as"), "VIRTUAL");
    }
    if (blocks.isEmpty()) {
      return null;
    }
    BlockReader as = reader(blocks.get(0), "column.as");
    String kind = as.word("type");
    kind = kind == null ? "VIRTUAL" : kind.toUpperCase(Locale.ROOT);
    if (!kind.equals("VIRTUAL") && !kind.equals("STORED")) {
      throw new InputException(as.required("type").pos(), "type must be STORED or VIRTUAL");
    }
    return new Column.Generated(stripped(as, "expr"), kind);
  }

  /** A required string attribute holding SQL, trailing whitespace (a heredoc's newline) removed. */
  static String stripped(BlockReader r, String name) {
    String s = BlockReader.asString(name, r.required(name)).stripTrailing();
    if (s.isEmpty()) {
      throw new InputException(r.required(name).pos(), name + " must not be empty");
    }
    return s;
  }

  private PrimaryKey primaryKey(BlockReader r, Catalog.Entry table) {
    String type = r.word("type");
    // InnoDB builds every primary key as a B-tree and ignores USING HASH, as MySQL does
    if (type != null && !List.of("BTREE", "HASH").contains(type.toUpperCase(Locale.ROOT))) {
      throw new InputException(r.required("type").pos(), "type must be BTREE or HASH");
    }
    return new PrimaryKey(r.optionalLabel(), parts(r, table, "primary_key.on"), r.extras());
  }

  private List<IndexPart> parts(BlockReader r, Catalog.Entry table, String onPath) {
    List<Ast.Block> on = r.blocks("on");
    if (r.has("columns") == !on.isEmpty()) {
      throw new InputException(r.pos(), r.describe() + ": needs either columns or on blocks");
    }
    List<IndexPart> parts = new ArrayList<>();
    for (Value v : r.list("columns")) {
      parts.add(IndexPart.column(catalog.ownColumn(v, table)));
    }
    for (Ast.Block b : on) {
      BlockReader p = reader(b, onPath);
      boolean desc = p.bool("desc", false);
      if (p.has("column") == p.has("expr")) {
        throw new InputException(p.pos(), "on: needs either column or expr");
      }
      String col = p.has("column") ? catalog.ownColumn(p.required("column"), table) : null;
      String expr = p.has("expr") ? stripped(p, "expr") : null;
      parts.add(new IndexPart(col, expr, desc, p.extras()));
    }
    if (parts.isEmpty()) {
      throw new InputException(r.pos(), r.describe() + ": columns must not be empty");
    }
    return parts;
  }

  private Index index(BlockReader r, Catalog.Entry table) {
    boolean constraint = r.block().type().equals("unique");
    String where = r.has("where") ? stripped(r, "where") : null;
    Attrs attrs = r.extras();
    if (constraint) {
      attrs = attrs.with(PostgresAttrs.CONSTRAINT, "true");
    }
    if (r.has("include")) {
      List<String> cols = new ArrayList<>();
      for (Value v : r.list("include")) {
        cols.add(PostgresObjectDecoder.ident(catalog.ownColumn(v, table)));
      }
      attrs = attrs.with(PostgresAttrs.INCLUDE, cols.isEmpty() ? null : String.join(", ", cols));
    }
    if (!r.bool("nulls_distinct", true)) {
      attrs = attrs.with(PostgresAttrs.NULLS_NOT_DISTINCT, "true");
    }
    String type = r.word("type");
    if (type != null) {
      String t = type.toUpperCase(Locale.ROOT);
      if (spec.name().equals("mysql")) {
        if (t.equals("FULLTEXT") || t.equals("SPATIAL")) {
          attrs = attrs.with("index_type", t);
        } else if (t.equals("HASH")) {
          attrs = attrs.with("using", t);
        } else if (!t.equals("BTREE")) {
          throw new InputException(
              r.required("type").pos(), "type must be BTREE, HASH, FULLTEXT or SPATIAL");
        }
      } else if (!t.equals("BTREE")) {
        attrs = attrs.with(PostgresAttrs.METHOD, type.toLowerCase(Locale.ROOT));
      }
    }
    return new Index(
        r.label(),
        constraint || r.bool("unique", false),
        parts(r, table, "index.on"),
        where,
        attrs);
  }

  /** A foreign key; unlike Atlas, the name label is optional (SQLite keys are often unnamed). */
  private ForeignKey foreignKey(BlockReader r, Catalog.Entry table) {
    String name = r.optionalLabel();
    List<String> cols = new ArrayList<>();
    for (Value v : r.list("columns")) {
      cols.add(catalog.ownColumn(v, table));
    }
    List<Value> refValues = r.list("ref_columns");
    Catalog.Entry refTable = null;
    List<String> refCols = new ArrayList<>();
    for (Value v : refValues) {
      Catalog.ColumnRef c = catalog.column(v, table);
      if (refTable != null && c.table() != refTable) {
        throw new InputException(v.pos(), "ref_columns must all be in the same table");
      }
      refTable = c.table();
      refCols.add(c.column());
    }
    if (cols.isEmpty()) {
      throw r.missing("columns");
    } else if (refCols.isEmpty()) {
      throw r.missing("ref_columns");
    } else if (cols.size() != refCols.size()) {
      throw new InputException(
          r.pos(),
          r.describe() + ": " + cols.size() + " columns but " + refCols.size() + " ref_columns");
    } else if (!refTable.kind().equals("table")) {
      throw new InputException(refValues.get(0).pos(), "ref_columns must be columns of a table");
    }
    String refSchema = refTable.schema().equals(table.schema()) ? null : refTable.schema();
    return new ForeignKey(
        name,
        cols,
        refSchema,
        refTable.name(),
        refCols,
        action(r, "on_update"),
        action(r, "on_delete"),
        r.extras());
  }

  private static String action(BlockReader r, String attr) {
    String word = r.word(attr);
    if (word == null) {
      return null;
    }
    String action = word.toUpperCase(Locale.ROOT).replace('_', ' ');
    if (!ACTIONS.contains(action)) {
      throw new InputException(
          r.required(attr).pos(),
          attr + " must be one of NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT");
    }
    return action;
  }
}
