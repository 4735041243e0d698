package dev.strata.lint.rules;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.model.Column;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Small walks over a plan's typed changes shared by the analyzers. */
final class PlanChanges {
  private PlanChanges() {}

  /** A table-level change with the table change that carries it. */
  record Part(SchemaChange.ModifyTable table, TableChange change) {}

  /** Every table-level change of every modified table, in plan order. */
  static List<Part> parts(List<SchemaChange> changes) {
    List<Part> out = new ArrayList<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.ModifyTable m) {
        m.changes().forEach(p -> out.add(new Part(m, p)));
      }
    }
    return out;
  }

  /** Calls {@code each} for every part of the given type. */
  static <T extends TableChange> void each(
      List<SchemaChange> changes,
      Class<T> type,
      java.util.function.BiConsumer<SchemaChange.ModifyTable, T> each) {
    for (Part p : parts(changes)) {
      if (type.isInstance(p.change())) {
        each.accept(p.table(), type.cast(p.change()));
      }
    }
  }

  /**
   * The name a modified table has in the database before the plan runs: the Differ names a
   * renamed-and-modified table by its new name, the data still sits under the old one.
   */
  static String liveName(List<SchemaChange> changes, SchemaChange.ModifyTable m) {
    Map<String, String> renamed = new HashMap<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.RenameTable r && r.schema().equals(m.schema())) {
        renamed.put(r.to().name(), r.from().name());
      }
    }
    return renamed.getOrDefault(m.from().name(), m.from().name());
  }

  /** Columns of the schema's tables whose type is the named enum type (bare or qualified). */
  static void enumColumns(Realm realm, String schema, String enumName, Consumer<TableColumn> each) {
    Schema s = realm.schema(schema).orElse(null);
    if (s == null) {
      return;
    }
    String bare = enumName.toLowerCase(Locale.ROOT);
    String qualified = (schema + "." + enumName).toLowerCase(Locale.ROOT);
    for (Table t : s.tables()) {
      for (Column c : t.columns()) {
        String type = c.type() == null ? "" : c.type().toLowerCase(Locale.ROOT).replace("\"", "");
        if (type.equals(bare) || type.equals(qualified)) {
          each.accept(new TableColumn(t, c));
        }
      }
    }
  }

  /** A column with its table. */
  record TableColumn(Table table, Column column) {}

  /** The enum's values when the object is an enum type, else null. */
  static List<String> enumValues(SchemaObject o) {
    return o instanceof SchemaObject.EnumType e ? e.values() : null;
  }

  static String quoteValues(List<String> values) {
    return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
  }
}
