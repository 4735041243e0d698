package dev.strata.source;

import dev.strata.diff.Differ;
import dev.strata.model.Column;
import dev.strata.model.Index;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the user's {@code renamed_from} hints from a decoded schema onto its normalised
 * (inspected) form, where no database keeps them.
 */
final class RenameHints {
  private RenameHints() {}

  /** The realm with SQL comment hints attached as {@code renamed_from} attributes. */
  static Realm apply(Realm realm, List<SqlRenameHints.Hint> hints) {
    if (hints.isEmpty()) {
      return realm;
    }
    List<Schema> schemas = new ArrayList<>();
    for (Schema s : realm.schemas()) {
      List<Table> tables = new ArrayList<>();
      for (Table t : s.tables()) {
        Table out = t;
        for (SqlRenameHints.Hint h : hints) {
          if (!h.table().equalsIgnoreCase(t.name())) {
            continue;
          }
          if (h.column() == null) {
            out = withAttrs(out, out.attrs().with(Differ.RENAMED_FROM, h.from()));
          } else {
            List<Column> cols = new ArrayList<>();
            for (Column c : out.columns()) {
              cols.add(
                  c.name().equalsIgnoreCase(h.column())
                      ? withAttrs(c, c.attrs().with(Differ.RENAMED_FROM, h.from()))
                      : c);
            }
            out = out.withColumns(cols);
          }
        }
        tables.add(out);
      }
      schemas.add(new Schema(s.name(), tables, s.views(), s.triggers(), s.objects(), s.attrs()));
    }
    return new Realm(schemas);
  }

  private static Table withAttrs(Table t, dev.strata.model.Attrs a) {
    return new Table(
        t.name(),
        t.columns(),
        t.primaryKey(),
        t.indexes(),
        t.foreignKeys(),
        t.checks(),
        t.comment(),
        a);
  }

  private static Column withAttrs(Column c, dev.strata.model.Attrs a) {
    return new Column(
        c.name(),
        c.type(),
        c.nullable(),
        c.defaultExpr(),
        c.autoIncrement(),
        c.generated(),
        c.collation(),
        c.comment(),
        a);
  }

  static Realm carryOver(Realm decoded, Realm inspected) {
    List<Schema> schemas = new ArrayList<>();
    for (Schema s : inspected.schemas()) {
      Optional<Schema> hinted = decoded.schema(s.name());
      if (hinted.isEmpty()) {
        schemas.add(s);
        continue;
      }
      Map<String, Table> hints = new HashMap<>();
      hinted.get().tables().forEach(h -> hints.putIfAbsent(h.name(), h));
      List<Table> tables = new ArrayList<>();
      for (Table t : s.tables()) {
        Table h = hints.get(t.name());
        tables.add(h == null ? t : carry(h, t));
      }
      List<dev.strata.model.SchemaObject> objects = new ArrayList<>();
      for (dev.strata.model.SchemaObject o : s.objects()) {
        objects.add(
            o instanceof dev.strata.model.SchemaObject.Policy p
                ? carry(hinted.get().object(p.kind(), p.name()).orElse(null), p)
                : o);
      }
      schemas.add(new Schema(s.name(), tables, s.views(), s.triggers(), objects, s.attrs()));
    }
    return new Realm(schemas);
  }

  /** A policy with the {@code renamed_from} hint of its decoded form. */
  private static dev.strata.model.SchemaObject carry(
      dev.strata.model.SchemaObject hinted, dev.strata.model.SchemaObject.Policy p) {
    String hint =
        hinted instanceof dev.strata.model.SchemaObject.Policy h
            ? h.attrs().get(Differ.RENAMED_FROM)
            : null;
    return hint == null
        ? p
        : new dev.strata.model.SchemaObject.Policy(
            p.table(),
            p.policy(),
            p.restrictive(),
            p.command(),
            p.roles(),
            p.using(),
            p.check(),
            p.attrs().with(Differ.RENAMED_FROM, hint));
  }

  private static Table carry(Table hinted, Table t) {
    List<Column> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      String hint =
          hinted.column(c.name()).map(h -> h.attrs().get(Differ.RENAMED_FROM)).orElse(null);
      cols.add(hint == null ? c : withAttrs(c, c.attrs().with(Differ.RENAMED_FROM, hint)));
    }
    List<Index> idx = new ArrayList<>();
    for (Index i : t.indexes()) {
      String hint =
          hinted.index(i.name()).map(h -> h.attrs().get(Differ.RENAMED_FROM)).orElse(null);
      idx.add(
          hint == null
              ? i
              : new Index(
                  i.name(),
                  i.unique(),
                  i.parts(),
                  i.where(),
                  i.attrs().with(Differ.RENAMED_FROM, hint)));
    }
    String tableHint = hinted.attrs().get(Differ.RENAMED_FROM);
    Table out = t.withColumns(cols).withIndexes(idx);
    return tableHint == null
        ? out
        : withAttrs(out, out.attrs().with(Differ.RENAMED_FROM, tableHint));
  }
}
