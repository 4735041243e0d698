package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
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
      columns.add(column(reader(b, "column")));
    }
    List<Ast.Block> pks = t.blocks("primary_key");
    if (pks.size() > 1) {
      throw new InputException(pks.get(1).pos(), t.describe() + ": more than one primary_key");
    }
    PrimaryKey pk = pks.isEmpty() ? null : primaryKey(reader(pks.get(0), "primary_key"), entry);
    List<Index> indexes = new ArrayList<>();
    Map<String, Ast.Block> names = new HashMap<>();
    for (Ast.Block b : t.blocks("index")) {
      BlockReader r = reader(b, "index");
      unique(names, "index", r);
      indexes.add(index(r, entry));
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
    return new Table(
        entry.name(), columns, pk, indexes, fks, checks, t.string("comment"), t.extras());
  }

  private static void unique(Map<String, Ast.Block> names, String kind, BlockReader r) {
    Ast.Block first = names.putIfAbsent(r.label(), r.block());
    if (first != null) {
      throw new InputException(r.pos(), Evaluator.duplicate(kind, r.label(), first.pos()));
    }
  }

  private Column column(BlockReader c) {
    String type = SqlText.type(c.required("type"));
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
        c.extras());
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
    return new PrimaryKey(r.optionalLabel(), parts(r, table, "primary_key.on"));
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
    String where = r.has("where") ? stripped(r, "where") : null;
    return new Index(
        r.label(), r.bool("unique", false), parts(r, table, "index.on"), where, r.extras());
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
