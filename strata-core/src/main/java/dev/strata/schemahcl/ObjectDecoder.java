package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.dialect.postgres.PostgresAttrs;
import dev.strata.hcl.Ast;
import dev.strata.model.Attrs;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes {@code view} and {@code trigger} blocks. A trigger in Atlas's structured form (a {@code
 * before}, {@code after} or {@code instead_of} block with its events, {@code for}, {@code when} and
 * the {@code as} body) becomes the {@code CREATE TRIGGER} text {@link TriggerSql} composes; a
 * trigger without such a block carries its complete {@code CREATE TRIGGER} statement in {@code as},
 * which is how Strata writes definitions of any other shape.
 */
final class ObjectDecoder {
  private static final List<String> TIMINGS = List.of("before", "after", "instead_of");

  private final DialectSpec spec;
  private final Evaluator eval;
  private final Catalog catalog;

  ObjectDecoder(DialectSpec spec, Evaluator eval, Catalog catalog) {
    this.spec = spec;
    this.eval = eval;
    this.catalog = catalog;
  }

  /**
   * A view. Its {@code column} blocks (which Atlas writes when inspecting) and {@code depends_on}
   * are checked but not kept: the model derives columns and dependencies from the query.
   */
  View view(Catalog.Entry entry, BlockReader v) {
    for (Ast.Block b : v.blocks("column")) {
      BlockReader c = new BlockReader(b, spec.block("view.column"), eval);
      c.label();
      c.value("type").ifPresent(SqlText::type);
      c.bool("null", false);
      c.string("comment");
    }
    for (Value dep : v.list("depends_on")) {
      catalog.object(dep, List.of("table", "view"));
    }
    Attrs attrs = v.extras();
    if (entry.kind().equals("materialized")) {
      attrs = attrs.with(PostgresAttrs.MATERIALIZED, "true");
      java.util.TreeMap<String, String> indexes = new java.util.TreeMap<>();
      for (Ast.Block b : v.blocks("index")) {
        BlockReader i = new BlockReader(b, spec.block("materialized.index"), eval);
        String name = i.label();
        if (indexes.put(name, matviewIndex(entry, i)) != null) {
          throw new InputException(b.pos(), "duplicate index \"" + name + "\"");
        }
      }
      if (!indexes.isEmpty()) {
        attrs = attrs.with(PostgresAttrs.VIEW_INDEXES, String.join(";\n", indexes.values()));
      }
    } else if (!v.blocks("index").isEmpty()) {
      throw new InputException(
          v.blocks("index").get(0).pos(), "only a materialized view has indexes");
    }
    return new View(entry.name(), TableDecoder.stripped(v, "as"), v.string("comment"), attrs);
  }

  /**
   * The CREATE INDEX statement of an index block in a materialized view: {@code as} gives the whole
   * statement; otherwise {@code unique}, {@code type} (the access method), {@code on} blocks with
   * {@code column} or {@code expr} and {@code desc}, and {@code where}.
   */
  private String matviewIndex(Catalog.Entry view, BlockReader i) {
    if (i.has("as")) {
      for (String attr : List.of("unique", "type", "where")) {
        if (i.has(attr)) {
          throw new InputException(i.required(attr).pos(), "give either as or " + attr);
        }
      }
      return TableDecoder.stripped(i, "as");
    }
    List<String> parts = new ArrayList<>();
    for (Ast.Block b : i.blocks("on")) {
      BlockReader on = new BlockReader(b, spec.block("materialized.index.on"), eval);
      String part;
      if (on.has("column") == on.has("expr")) {
        throw new InputException(on.pos(), "on needs either column or expr");
      } else if (on.has("column")) {
        Value c = on.required("column");
        part =
            c instanceof Value.Ref r && r.path().size() == 2 && r.path().get(0).equals("column")
                ? PostgresObjectDecoder.ident(r.path().get(1))
                : PostgresObjectDecoder.ident(BlockReader.asWord("column", c));
      } else {
        String e = TableDecoder.stripped(on, "expr").strip();
        part = e.matches("[a-z_][a-z0-9_$]*") ? e : "(" + e + ")";
      }
      parts.add(on.bool("desc", false) ? part + " DESC" : part);
    }
    if (parts.isEmpty()) {
      throw new InputException(i.pos(), i.describe() + ": needs an on block");
    }
    String type = i.word("type");
    return (i.bool("unique", false) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
        + PostgresObjectDecoder.ident(i.label())
        + " ON "
        + PostgresObjectDecoder.ident(view.schema())
        + "."
        + PostgresObjectDecoder.ident(view.name())
        + (type == null ? "" : " USING " + type.toLowerCase(Locale.ROOT))
        + " ("
        + String.join(", ", parts)
        + ")"
        + (i.has("where") ? " WHERE (" + TableDecoder.stripped(i, "where") + ")" : "");
  }

  /** A trigger and the schema it belongs to (its table's). */
  record Decoded(String schema, Trigger trigger) {}

  Decoded trigger(BlockReader t) {
    String name = t.label();
    Catalog.Entry target = catalog.object(t.required("on"), List.of("table", "view"));
    List<Ast.Block> timing = new ArrayList<>();
    for (String type : TIMINGS) {
      timing.addAll(t.blocks(type));
    }
    String definition;
    if (timing.isEmpty()) {
      for (String attr : List.of("for", "foreach", "when")) {
        if (t.has(attr)) {
          throw new InputException(
              t.required(attr).pos(), attr + " needs a before, after or instead_of block");
        }
      }
      definition = TableDecoder.stripped(t, "as");
      if (!definition.strip().toUpperCase(Locale.ROOT).startsWith("CREATE")) {
        throw new InputException(
            t.required("as").pos(),
            t.describe()
                + ": without a before, after or instead_of block, as must be the full CREATE"
                + " TRIGGER statement");
      }
    } else {
      if (timing.size() > 1) {
        throw new InputException(
            timing.get(1).pos(), t.describe() + ": more than one timing block");
      }
      definition = TriggerSql.compose(parts(t, name, target, timing.get(0)));
    }
    return new Decoded(target.schema(), new Trigger(name, target.name(), definition, t.extras()));
  }

  private TriggerSql.Parts parts(
      BlockReader t, String name, Catalog.Entry target, Ast.Block timingBlock) {
    BlockReader e = new BlockReader(timingBlock, spec.block("trigger.event"), eval);
    if (!timingBlock.labels().isEmpty()) {
      throw new InputException(timingBlock.pos(), timingBlock.type() + " block takes no labels");
    }
    List<String> updateOf = new ArrayList<>();
    for (Value v : e.list("update_of")) {
      updateOf.add(catalog.ownColumn(v, target));
    }
    List<String> events = new ArrayList<>();
    if (e.bool("insert", false)) {
      events.add("INSERT");
    }
    if (e.bool("update", false) || !updateOf.isEmpty()) {
      events.add("UPDATE");
    }
    if (e.bool("delete", false)) {
      events.add("DELETE");
    }
    if (events.isEmpty()) {
      throw new InputException(
          e.pos(), timingBlock.type() + ": needs an event (insert, update, update_of or delete)");
    }
    if (spec.name().equals("sqlite") && events.size() > 1) {
      throw new InputException(e.pos(), timingBlock.type() + ": a SQLite trigger has one event");
    }
    if (t.has("for") && t.has("foreach")) {
      throw new InputException(t.required("foreach").pos(), "give either for or foreach");
    }
    String attr = t.has("foreach") ? "foreach" : "for";
    String forEach = t.word(attr);
    if (forEach != null) {
      forEach = forEach.toUpperCase(Locale.ROOT);
      if (!forEach.equals("ROW") && !forEach.equals("STATEMENT")) {
        throw new InputException(t.required(attr).pos(), attr + " must be ROW or STATEMENT");
      }
    }
    String when = t.has("when") ? t.string("when").strip() : null;
    String timing = timingBlock.type().replace('_', ' ').toUpperCase(Locale.ROOT);
    return new TriggerSql.Parts(
        name,
        timing,
        events,
        updateOf,
        target.name(),
        forEach,
        when,
        TableDecoder.stripped(t, "as"));
  }
}
