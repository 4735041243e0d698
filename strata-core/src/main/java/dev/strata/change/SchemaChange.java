package dev.strata.change;

import dev.strata.model.Column;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.List;

/**
 * One typed difference between two schemas, produced by the Differ and turned into SQL by a dialect
 * planner. Changes inside one table are grouped in {@link ModifyTable}.
 */
public sealed interface SchemaChange {

  /** Schema the change applies to. */
  String schema();

  /** A table to create. */
  record AddTable(String schema, Table table) implements SchemaChange {}

  /** A table to drop. */
  record DropTable(String schema, Table table) implements SchemaChange {}

  /** A table to rename (keeps its rows). */
  record RenameTable(String schema, Table from, Table to) implements SchemaChange {}

  /** A table whose parts changed; {@code from} and {@code to} are the whole tables. */
  record ModifyTable(String schema, Table from, Table to, List<TableChange> changes)
      implements SchemaChange {
    public ModifyTable {
      changes = List.copyOf(changes);
    }
  }

  /** A schema to create (PostgreSQL schema, MySQL database). */
  record AddSchema(String schema, dev.strata.model.Schema definition) implements SchemaChange {}

  /** A schema to drop, with everything in it. */
  record DropSchema(String schema, dev.strata.model.Schema definition) implements SchemaChange {}

  /** A schema whose comment changes (PostgreSQL {@code COMMENT ON SCHEMA}). */
  record ModifySchemaComment(String schema, String from, String to) implements SchemaChange {}

  /** A sequence, type, routine or extension to create. */
  record AddObject(String schema, SchemaObject object) implements SchemaChange {}

  /** A sequence, type, routine or extension to drop. */
  record DropObject(String schema, SchemaObject object) implements SchemaChange {}

  /** A sequence, type, routine or extension that changed (same kind and name). */
  record ModifyObject(String schema, SchemaObject from, SchemaObject to) implements SchemaChange {}

  record AddView(String schema, View view) implements SchemaChange {}

  record DropView(String schema, View view) implements SchemaChange {}

  record ModifyView(String schema, View from, View to) implements SchemaChange {}

  record AddTrigger(String schema, Trigger trigger) implements SchemaChange {}

  record DropTrigger(String schema, Trigger trigger) implements SchemaChange {}

  record ModifyTrigger(String schema, Trigger from, Trigger to) implements SchemaChange {}

  /** Convenience: the column changes kinds a {@link TableChange.ModifyColumn} can carry. */
  enum ColumnChangeKind {
    TYPE,
    NULL,
    DEFAULT,
    AUTO_INCREMENT,
    GENERATED,
    COLLATION,
    COMMENT,
    ATTRS,
    /** The column moves to another place in the table (dialects that keep column order only). */
    POSITION
  }

  /** Tiny helper for messages: "table users", "view active_users". */
  static String describe(SchemaChange c) {
    if (c instanceof AddTable a) {
      return "add table " + a.table().name();
    } else if (c instanceof DropTable d) {
      return "drop table " + d.table().name();
    } else if (c instanceof RenameTable r) {
      return "rename table " + r.from().name() + " to " + r.to().name();
    } else if (c instanceof ModifyTable m) {
      return "modify table " + m.to().name();
    } else if (c instanceof AddView a) {
      return "add view " + a.view().name();
    } else if (c instanceof DropView d) {
      return "drop view " + d.view().name();
    } else if (c instanceof ModifyView m) {
      return "modify view " + m.to().name();
    } else if (c instanceof AddTrigger a) {
      return "add trigger " + a.trigger().name();
    } else if (c instanceof DropTrigger d) {
      return "drop trigger " + d.trigger().name();
    } else if (c instanceof ModifyTrigger m) {
      return "modify trigger " + m.to().name();
    } else if (c instanceof AddSchema a) {
      return "add schema " + a.schema();
    } else if (c instanceof DropSchema d) {
      return "drop schema " + d.schema();
    } else if (c instanceof AddObject a) {
      return "add " + a.object().kind() + " " + a.object().name();
    } else if (c instanceof DropObject d) {
      return "drop " + d.object().kind() + " " + d.object().name();
    } else if (c instanceof ModifyObject m) {
      return "modify " + m.to().kind() + " " + m.to().name();
    }
    throw new IllegalStateException("unknown change " + c);
  }

  /** Convenience for column-level messages. */
  static String columnRef(Table t, Column c) {
    return t.name() + "." + c.name();
  }
}
