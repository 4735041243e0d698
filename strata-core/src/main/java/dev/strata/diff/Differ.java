package dev.strata.diff;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.AddTable;
import dev.strata.change.SchemaChange.AddTrigger;
import dev.strata.change.SchemaChange.AddView;
import dev.strata.change.SchemaChange.DropTable;
import dev.strata.change.SchemaChange.DropTrigger;
import dev.strata.change.SchemaChange.DropView;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.SchemaChange.ModifyTrigger;
import dev.strata.change.SchemaChange.ModifyView;
import dev.strata.change.SchemaChange.RenameTable;
import dev.strata.change.TableChange;
import dev.strata.dialect.DiffHooks;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic schema Differ. Algorithm: schemas are matched by name; inside a schema, tables, views
 * and triggers are matched by name, or by the {@code renamed_from} hint of the desired object
 * (giving a rename instead of a drop and an add). Matched tables are compared part by part by
 * {@link TableDiffer}. Everything that depends on the database (type spellings, default and
 * expression normalisation) is asked of the dialect's {@link DiffHooks}. The output order is
 * stable: drops, then renames, additions and modifications, each by name; the planner orders the
 * statements by dependencies.
 */
public final class Differ {
  /** The attribute key of the user's rename hint on tables, columns and indexes. */
  public static final String RENAMED_FROM = "renamed_from";

  private final DiffHooks hooks;
  private final TableDiffer tables;

  public Differ(DiffHooks hooks) {
    this.hooks = hooks;
    this.tables = new TableDiffer(hooks);
  }

  /** The changes that turn {@code from} into {@code to}, for the schemas present in both. */
  public List<SchemaChange> diff(Realm from, Realm to) {
    List<SchemaChange> out = new ArrayList<>();
    Names.Index<Schema> fromSchemas = new Names.Index<>(hooks, from.schemas(), Schema::name);
    Names.Index<Schema> toSchemas = new Names.Index<>(hooks, to.schemas(), Schema::name);
    for (Schema current : from.schemas()) {
      if (toSchemas.find(current.name()).isEmpty()) {
        out.add(new SchemaChange.DropSchema(current.name(), current));
      }
    }
    for (Schema desired : to.schemas()) {
      Optional<Schema> current = fromSchemas.find(desired.name());
      if (current.isEmpty()) {
        out.add(new SchemaChange.AddSchema(desired.name(), desired));
      } else if (!java.util.Objects.equals(
          current.get().attrs().get("comment"), desired.attrs().get("comment"))) {
        out.add(
            new SchemaChange.ModifySchemaComment(
                desired.name(),
                current.get().attrs().get("comment"),
                desired.attrs().get("comment")));
      }
      out.addAll(diff(current.orElse(new Schema(desired.name(), List.of())), desired));
    }
    return out;
  }

  /** The changes that turn schema {@code from} into schema {@code to}. */
  public List<SchemaChange> diff(Schema from, Schema to) {
    String schema = to.name();
    List<SchemaChange> drops = new ArrayList<>();
    List<SchemaChange> rest = new ArrayList<>();

    Names.Index<Table> fromTables = new Names.Index<>(hooks, from.tables(), Table::name);
    Names.Index<Table> toTables = new Names.Index<>(hooks, to.tables(), Table::name);
    Map<String, String> renames = new java.util.HashMap<>();
    for (Table t : to.tables()) {
      String old = t.attrs().get(RENAMED_FROM);
      if (old != null && !old.equalsIgnoreCase(t.name()) && toTables.find(old).isPresent()) {
        throw new dev.strata.InputException(
            "cannot rename table "
                + old
                + " to "
                + t.name()
                + ": the desired schema still has a table "
                + old);
      }
      if (old != null && fromTables.find(t.name()).isEmpty() && fromTables.find(old).isPresent()) {
        renames.put(old, t.name());
      }
    }
    Map<String, Map<String, String>> columnRenames = new java.util.HashMap<>();
    for (Table desired : to.tables()) {
      String old = desired.attrs().get(RENAMED_FROM);
      Optional<Table> current = fromTables.find(desired.name());
      if (current.isEmpty() && old != null && renames.containsKey(old)) {
        current = fromTables.find(old);
      }
      current.ifPresent(c -> columnRenames.put(desired.name(), tables.columnRenames(c, desired)));
    }
    Set<String> matched = new HashSet<>();
    for (Table desired : to.tables()) {
      Optional<Table> current =
          fromTables.find(desired.name()).map(t -> afterRenames(t, schema, renames));
      if (current.isEmpty()) {
        String old = desired.attrs().get(RENAMED_FROM);
        if (old != null && renames.containsKey(old)) {
          Table original = fromTables.find(old).orElseThrow();
          Table before = afterRenames(original, schema, renames);
          matched.add(original.name());
          rest.add(new RenameTable(schema, original, desired));
          List<TableChange> changes = tables.diff(before, desired, columnRenames, true);
          if (!changes.isEmpty()) {
            rest.add(new ModifyTable(schema, before, desired, changes));
          }
        } else {
          rest.add(new AddTable(schema, desired));
        }
        continue;
      }
      matched.add(current.get().name());
      List<TableChange> changes = tables.diff(current.get(), desired, columnRenames, false);
      if (!changes.isEmpty()) {
        rest.add(new ModifyTable(schema, current.get(), desired, changes));
      }
    }
    for (Table t : from.tables()) {
      if (!matched.contains(t.name())) {
        drops.add(new DropTable(schema, t));
      }
    }

    Names.Index<View> fromViews = new Names.Index<>(hooks, from.views(), View::name);
    Names.Index<View> toViews = new Names.Index<>(hooks, to.views(), View::name);
    for (View desired : to.views()) {
      Optional<View> current = fromViews.find(desired.name());
      if (current.isEmpty()) {
        rest.add(new AddView(schema, desired));
      } else if (!sameView(current.get(), desired)) {
        rest.add(new ModifyView(schema, current.get(), desired));
      }
    }
    for (View v : from.views()) {
      if (toViews.find(v.name()).isEmpty()) {
        drops.add(new DropView(schema, v));
      }
    }

    Names.Index<Trigger> fromTriggers = new Names.Index<>(hooks, from.triggers(), Trigger::name);
    Names.Index<Trigger> toTriggers = new Names.Index<>(hooks, to.triggers(), Trigger::name);
    for (Trigger desired : to.triggers()) {
      Optional<Trigger> current = fromTriggers.find(desired.name());
      if (current.isEmpty()) {
        rest.add(new AddTrigger(schema, desired));
      } else if (!hooks.sameTriggerDefinition(current.get().definition(), desired.definition())
          || !current.get().table().equals(desired.table())
          || !sameTriggerAttr(current.get(), desired, "comment")
          || !sameTriggerAttr(current.get(), desired, "enabled")) {
        rest.add(new ModifyTrigger(schema, current.get(), desired));
      }
    }
    for (Trigger t : from.triggers()) {
      if (toTriggers.find(t.name()).isEmpty()) {
        drops.add(new DropTrigger(schema, t));
      }
    }
    diffObjects(from, to, drops, rest);
    List<SchemaChange> out = new ArrayList<>(drops);
    out.addAll(rest);
    return out;
  }

  /**
   * Table {@code t} as the database has it once the plan's table renames ({@code renames}, old name
   * to new) ran: under its new name if it is renamed, its foreign keys referencing the new names,
   * and its foreign keys renamed as the database renames them with the table (MySQL's {@code
   * old_ibfk_1} becomes {@code new_ibfk_1}). Every database updates such references by itself, so a
   * rename must not drop and re-add them, and later statements must use the names they have then.
   */
  private Table afterRenames(Table t, String schema, Map<String, String> renames) {
    if (renames.isEmpty()) {
      return t;
    }
    String name = renames.getOrDefault(t.name(), t.name());
    List<dev.strata.model.ForeignKey> fks = new ArrayList<>();
    for (dev.strata.model.ForeignKey fk : t.foreignKeys()) {
      String ref = fk.refTable();
      boolean sameSchema = fk.refSchema() == null || fk.refSchema().equals(schema);
      String newRef = sameSchema ? renames.getOrDefault(ref, ref) : ref;
      String fkName =
          name.equals(t.name()) || fk.name() == null
              ? fk.name()
              : hooks.foreignKeyNameAfterTableRename(t.name(), name, fk.name());
      fks.add(
          new dev.strata.model.ForeignKey(
              fkName,
              fk.columns(),
              fk.refSchema(),
              newRef,
              fk.refColumns(),
              fk.onUpdate(),
              fk.onDelete(),
              fk.attrs()));
    }
    return new Table(
        name, t.columns(), t.primaryKey(), t.indexes(), fks, t.checks(), t.comment(), t.attrs());
  }

  private void diffObjects(
      Schema from, Schema to, List<SchemaChange> drops, List<SchemaChange> rest) {
    String schema = to.name();
    Map<String, Names.Index<SchemaObject>> fromByKind = byKind(from.objects());
    Map<String, Names.Index<SchemaObject>> toByKind = byKind(to.objects());
    for (SchemaObject desired : to.objects()) {
      Optional<SchemaObject> current =
          fromByKind.getOrDefault(desired.kind(), none()).find(desired.name());
      if (current.isEmpty()) {
        rest.add(new SchemaChange.AddObject(schema, desired));
      } else if (!hooks.sameObject(current.get(), desired)) {
        rest.add(new SchemaChange.ModifyObject(schema, current.get(), desired));
      }
    }
    for (SchemaObject o : from.objects()) {
      boolean kept = toByKind.getOrDefault(o.kind(), none()).find(o.name()).isPresent();
      if (!kept) {
        drops.add(new SchemaChange.DropObject(schema, o));
      }
    }
  }

  private Map<String, Names.Index<SchemaObject>> byKind(List<SchemaObject> objects) {
    Map<String, List<SchemaObject>> groups = new java.util.HashMap<>();
    for (SchemaObject o : objects) {
      groups.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
    }
    Map<String, Names.Index<SchemaObject>> out = new java.util.HashMap<>();
    groups.forEach(
        (kind, list) -> out.put(kind, new Names.Index<>(hooks, list, SchemaObject::name)));
    return out;
  }

  private Names.Index<SchemaObject> none() {
    return new Names.Index<>(hooks, List.of(), SchemaObject::name);
  }

  private boolean sameView(View a, View b) {
    return hooks.sameViewDefinition(a.definition(), b.definition())
        && java.util.Objects.equals(blankToNull(a.comment()), blankToNull(b.comment()))
        && TableDiffer.withoutHints(a.attrs()).equals(TableDiffer.withoutHints(b.attrs()));
  }

  static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A trigger attribute that is part of its state (PostgreSQL's comment and enabled state). */
  private static boolean sameTriggerAttr(Trigger a, Trigger b, String key) {
    return java.util.Objects.equals(a.attrs().get(key), b.attrs().get(key));
  }
}
