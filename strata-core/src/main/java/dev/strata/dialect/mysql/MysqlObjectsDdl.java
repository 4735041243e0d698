package dev.strata.dialect.mysql;

import dev.strata.change.SchemaChange;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.SchemaObject.Routine;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Plans views, triggers, routines and events. A changed trigger, routine or event is dropped in the
 * drop phase and created again at the end (MySQL has no {@code CREATE OR REPLACE} for them); a
 * changed view is replaced in place after the tables.
 */
final class MysqlObjectsDdl {
  /** Receives one statement. */
  interface Sink {
    void add(String sql, String reverse, String comment);
  }

  private final BinaryOperator<String> name;
  private final Sink sink;

  MysqlObjectsDdl(BinaryOperator<String> name, Sink sink) {
    this.name = name;
    this.sink = sink;
  }

  /** {@code CHARACTER SET x COLLATE y} for a database, or "". */
  static String charset(Schema s) {
    String cs = s.attrs().get("charset");
    String co = s.attrs().get("collate");
    String cm = s.attrs().get("comment");
    return (cs == null ? "" : " CHARACTER SET " + cs)
        + (co == null ? "" : " COLLATE " + co)
        + (cm == null ? "" : " COMMENT " + MysqlTypes.quote(cm));
  }

  /** The drop-phase statements of a change, if any. */
  void drop(SchemaChange c) {
    if (c instanceof SchemaChange.DropTrigger d) {
      sink.add(
          dropTrigger(d.schema(), d.trigger()),
          d.trigger().definition(),
          "drop trigger " + d.trigger().name());
    } else if (c instanceof SchemaChange.ModifyTrigger m) {
      sink.add(
          dropTrigger(m.schema(), m.from()),
          m.from().definition(),
          "drop trigger " + m.from().name() + " to recreate it");
    } else if (c instanceof SchemaChange.DropView d) {
      sink.add(
          "DROP VIEW " + name.apply(d.schema(), d.view().name()),
          MysqlDdl.createView(name.apply(d.schema(), d.view().name()), d.view(), false),
          "drop view " + d.view().name());
    } else if (c instanceof SchemaChange.DropObject d) {
      sink.add(
          dropObject(d.schema(), d.object()),
          definition(d.object()),
          "drop " + kind(d.object()) + " " + d.object().name());
    } else if (c instanceof SchemaChange.ModifyObject m) {
      sink.add(
          dropObject(m.schema(), m.from()),
          definition(m.from()),
          "drop " + kind(m.from()) + " " + m.from().name() + " to recreate it");
    }
  }

  /** Creates or replaces view {@code v} if {@code c} is its change. */
  void createView(SchemaChange c, View v) {
    if (c instanceof SchemaChange.AddView a && a.view() == v) {
      String n = name.apply(a.schema(), v.name());
      sink.add(MysqlDdl.createView(n, v, false), "DROP VIEW " + n, "add view " + v.name());
    } else if (c instanceof SchemaChange.ModifyView m && m.to() == v) {
      String n = name.apply(m.schema(), v.name());
      sink.add(
          MysqlDdl.createView(n, v, true),
          MysqlDdl.createView(n, m.from(), true),
          "modify view " + v.name());
    }
  }

  /** Creates routines and events that are new or changed. */
  void create(SchemaChange c) {
    if (c instanceof SchemaChange.AddObject a) {
      sink.add(
          definition(a.object()),
          dropObject(a.schema(), a.object()),
          "add " + kind(a.object()) + " " + a.object().name());
    } else if (c instanceof SchemaChange.ModifyObject m) {
      sink.add(
          definition(m.to()),
          dropObject(m.schema(), m.to()),
          "recreate " + kind(m.to()) + " " + m.to().name());
    }
  }

  /** Creates triggers that are new or changed. */
  void createTrigger(SchemaChange c) {
    if (c instanceof SchemaChange.AddTrigger a) {
      sink.add(
          a.trigger().definition(),
          dropTrigger(a.schema(), a.trigger()),
          "add trigger " + a.trigger().name());
    } else if (c instanceof SchemaChange.ModifyTrigger m) {
      sink.add(
          m.to().definition(),
          dropTrigger(m.schema(), m.to()),
          "recreate trigger " + m.to().name());
    }
  }

  private String dropTrigger(String schema, Trigger t) {
    return "DROP TRIGGER " + name.apply(schema, t.name());
  }

  private String dropObject(String schema, SchemaObject o) {
    return "DROP "
        + kind(o).toUpperCase(java.util.Locale.ROOT)
        + " "
        + name.apply(schema, o.name());
  }

  private static String definition(SchemaObject o) {
    if (o instanceof Routine r) {
      return r.definition();
    }
    MysqlPlanner.unsupported(o);
    return null;
  }

  /**
   * The changes with those of events first ({@code first}) or last, otherwise in their order:
   * events may call routines, so they are dropped before and created after them.
   */
  static List<SchemaChange> eventsFirst(List<SchemaChange> changes, boolean first) {
    List<SchemaChange> events = new ArrayList<>();
    List<SchemaChange> others = new ArrayList<>();
    for (SchemaChange c : changes) {
      SchemaObject o =
          c instanceof SchemaChange.AddObject a
              ? a.object()
              : c instanceof SchemaChange.DropObject d
                  ? d.object()
                  : c instanceof SchemaChange.ModifyObject m ? m.to() : null;
      (o != null && o.kind().equals("event") ? events : others).add(c);
    }
    List<SchemaChange> out = new ArrayList<>(first ? events : others);
    out.addAll(first ? others : events);
    return out;
  }

  /** "function", "procedure" or "event". */
  static String kind(SchemaObject o) {
    if (!(o instanceof Routine)) {
      MysqlPlanner.unsupported(o);
    }
    return o.kind();
  }
}
