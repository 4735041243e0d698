package dev.strata.dialect.postgres;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.TableChange;
import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.SchemaObject.Routine;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans views, routines and triggers. Algorithm: the views to re-create are the changed views plus
 * every current view that mentions a table whose column types change or whose columns are dropped,
 * closed over views that mention a view being re-created. Those and the dropped views are dropped
 * dependents-first; then new and re-created views and new or changed routines are created together
 * in dependency order (an object follows the objects its definition mentions by name), with the
 * indexes of materialized views and view comments. Triggers are dropped first and created last;
 * triggers on a re-created view are created again. A materialized view whose indexes alone change
 * keeps its data: only the indexes are dropped or created.
 */
final class PostgresViewPlanner {
  private final PostgresSteps steps;
  private final Realm from;
  private final Realm to;
  private final Set<SchemaObject> early;

  PostgresViewPlanner(PostgresSteps steps, Realm from, Realm to, Set<SchemaObject> early) {
    this.steps = steps;
    this.from = from;
    this.to = to;
    this.early = early;
  }

  /** A view or routine to create, with its schema. */
  private record Node(String schema, View view, Routine routine) {
    String name() {
      return view != null ? view.name() : PostgresObjectSql.routineName(routine);
    }

    String body() {
      return view != null ? view.definition() : routine.definition();
    }
  }

  void plan(List<SchemaChange> changes) {
    Map<String, Node> drop = new LinkedHashMap<>();
    Map<String, Node> create = new LinkedHashMap<>();
    List<String> changedTables = new ArrayList<>();
    List<SchemaChange.ModifyView> indexOnly = new ArrayList<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.DropView d) {
        drop.put(d.schema() + "." + d.view().name(), new Node(d.schema(), d.view(), null));
      } else if (c instanceof SchemaChange.ModifyView m && onlyIndexesDiffer(m.from(), m.to())) {
        indexOnly.add(m);
      } else if (c instanceof SchemaChange.ModifyView m) {
        drop.put(m.schema() + "." + m.from().name(), new Node(m.schema(), m.from(), null));
      } else if (c instanceof SchemaChange.AddView a) {
        create.put(a.schema() + "." + a.view().name(), new Node(a.schema(), a.view(), null));
      } else if (c instanceof SchemaChange.ModifyTable m && reshapes(m)) {
        changedTables.add(m.from().name());
      } else if (c instanceof SchemaChange.DropTable d) {
        changedTables.add(d.table().name());
      } else if (c instanceof SchemaChange.DropTrigger d) {
        dropTrigger(d.schema(), d.trigger());
      } else if (c instanceof SchemaChange.ModifyTrigger m && sameDefinition(m)) {
        alterTrigger(m);
      } else if (c instanceof SchemaChange.ModifyTrigger m) {
        dropTrigger(m.schema(), m.from());
        createTrigger(m.schema(), m.to());
      } else if (c instanceof SchemaChange.AddTrigger a) {
        createTrigger(a.schema(), a.trigger());
      } else if (c instanceof SchemaChange.AddObject a && a.object() instanceof Routine r) {
        create.put(a.schema() + "." + r.name(), new Node(a.schema(), null, r));
      } else if (c instanceof SchemaChange.ModifyObject m && m.to() instanceof Routine r) {
        Routine old = (Routine) m.from();
        String oldComment = old.attrs().get(PostgresAttrs.COMMENT);
        String newComment = r.attrs().get(PostgresAttrs.COMMENT);
        if (!Objects.equals(oldComment, newComment)) {
          steps.add(
              Phase.TRIGGERS,
              PostgresObjectSql.comment(m.schema(), r, newComment),
              PostgresObjectSql.comment(m.schema(), old, oldComment),
              "comment on function " + r.name());
        }
        if (Objects.equals(
            PostgresNormalizer.body(old.definition()), PostgresNormalizer.body(r.definition()))) {
          continue;
        }
        if (!Objects.equals(returns(old.definition()), returns(r.definition()))) {
          steps.add(
              Phase.DROP_VIEWS,
              PostgresObjectSql.drop(m.schema(), old),
              PostgresObjectSql.create(m.schema(), old),
              "drop function " + r.name());
        }
        create.put(m.schema() + "." + r.name(), new Node(m.schema(), null, r));
      }
    }
    closeOver(drop, changedTables);
    for (Node n : drop.values()) {
      String k = n.schema() + "." + n.name();
      to.schema(n.schema())
          .flatMap(s -> s.view(n.name()))
          .ifPresent(v -> create.putIfAbsent(k, new Node(n.schema(), v, null)));
    }
    for (SchemaChange.ModifyView m : indexOnly) {
      if (!drop.containsKey(m.schema() + "." + m.from().name())) {
        changeIndexes(m.schema(), m.from(), m.to());
      }
    }
    recreateTriggers(drop, changes);
    for (Node n :
        PostgresOrder.reverseSort(new ArrayList<>(drop.values()), PostgresViewPlanner::needs)) {
      steps.add(
          Phase.DROP_VIEWS,
          PostgresObjectSql.dropView(n.schema(), n.view()),
          PostgresObjectSql.createView(n.schema(), n.view()),
          "drop view " + n.name());
    }
    for (Node n :
        PostgresOrder.sort(new ArrayList<>(create.values()), PostgresViewPlanner::needs)) {
      if (n.view() != null) {
        steps.add(
            Phase.VIEWS_AND_ROUTINES,
            PostgresObjectSql.createView(n.schema(), n.view()),
            PostgresObjectSql.dropView(n.schema(), n.view()),
            "add view " + n.name());
        for (String index : indexes(n.view())) {
          steps.add(
              Phase.VIEWS_AND_ROUTINES,
              index,
              dropIndex(n.schema(), index),
              "add index " + indexName(index) + " to " + n.name());
        }
        if (n.view().comment() != null && !n.view().comment().isEmpty()) {
          steps.add(
              Phase.VIEWS_AND_ROUTINES,
              PostgresObjectSql.commentOnView(n.schema(), n.view(), n.view().comment()),
              null,
              "comment on view " + n.name());
        }
      } else if (!early.contains(n.routine())) {
        steps.add(
            Phase.VIEWS_AND_ROUTINES,
            PostgresObjectSql.create(n.schema(), n.routine()),
            PostgresObjectSql.drop(n.schema(), n.routine()),
            "add " + n.routine().kind() + " " + n.routine().name());
        String comment = n.routine().attrs().get(PostgresAttrs.COMMENT);
        if (comment != null) {
          steps.add(
              Phase.VIEWS_AND_ROUTINES,
              PostgresObjectSql.comment(n.schema(), n.routine(), comment),
              null,
              "comment on function " + n.routine().name());
        }
      }
    }
  }

  /**
   * Triggers on views that are dropped and re-created go with them (PostgreSQL drops them with the
   * view), so they are created again unless the plan already creates them.
   */
  private void recreateTriggers(Map<String, Node> drop, List<SchemaChange> changes) {
    java.util.Set<String> planned = new java.util.HashSet<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.AddTrigger a) {
        planned.add(a.schema() + "." + a.trigger().name());
      } else if (c instanceof SchemaChange.ModifyTrigger m) {
        planned.add(m.schema() + "." + m.to().name());
      }
    }
    for (Node n : drop.values()) {
      Schema target = to.schema(n.schema()).orElse(null);
      if (target == null || target.view(n.name()).isEmpty()) {
        continue;
      }
      for (Trigger t : target.triggers()) {
        if (t.table().equals(n.name()) && planned.add(n.schema() + "." + t.name())) {
          createTrigger(n.schema(), t);
        }
      }
    }
  }

  /** The CREATE INDEX statements of a materialized view. */
  static List<String> indexes(View v) {
    String all = v.attrs().get(PostgresAttrs.VIEW_INDEXES);
    return all == null || all.isBlank() ? List.of() : List.of(all.split(";\n"));
  }

  /** The (quoted when needed) name in {@code CREATE [UNIQUE] INDEX name ON ...}. */
  static String indexName(String createIndex) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(\"(?:[^\"]|\"\")*\"|\\S+) ON ")
            .matcher(createIndex.strip());
    if (!m.find()) {
      throw new IllegalStateException("not an index definition: " + createIndex);
    }
    return m.group(1);
  }

  private static String dropIndex(String schema, String createIndex) {
    return "DROP INDEX " + PostgresSql.ident(schema) + "." + indexName(createIndex);
  }

  private static boolean onlyIndexesDiffer(View a, View b) {
    return a.attrs().flag(PostgresAttrs.MATERIALIZED)
        && Objects.equals(
            PostgresNormalizer.body(a.definition()), PostgresNormalizer.body(b.definition()))
        && Objects.equals(a.comment(), b.comment())
        && a.attrs()
            .with(PostgresAttrs.VIEW_INDEXES, null)
            .with(dev.strata.diff.Differ.RENAMED_FROM, null)
            .equals(
                b.attrs()
                    .with(PostgresAttrs.VIEW_INDEXES, null)
                    .with(dev.strata.diff.Differ.RENAMED_FROM, null));
  }

  /** Drops the indexes a materialized view loses and creates those it gains. */
  private void changeIndexes(String schema, View a, View b) {
    List<String> before = indexes(a);
    List<String> after = indexes(b);
    for (String i : before) {
      if (!after.contains(i)) {
        steps.add(
            Phase.DROP_VIEWS,
            dropIndex(schema, i),
            i,
            "drop index " + indexName(i) + " of " + a.name());
      }
    }
    for (String i : after) {
      if (!before.contains(i)) {
        steps.add(
            Phase.VIEWS_AND_ROUTINES,
            i,
            dropIndex(schema, i),
            "add index " + indexName(i) + " to " + b.name());
      }
    }
  }

  /** Whether a table change may break views over it (types, dropped or regenerated columns). */
  private static boolean reshapes(SchemaChange.ModifyTable m) {
    for (TableChange tc : m.changes()) {
      if (tc instanceof TableChange.DropColumn) {
        return true;
      }
      if (tc instanceof TableChange.ModifyColumn mc
          && (mc.kinds().contains(ColumnChangeKind.TYPE)
              || mc.kinds().contains(ColumnChangeKind.COLLATION)
              || mc.kinds().contains(ColumnChangeKind.GENERATED))) {
        return true;
      }
    }
    return false;
  }

  /** Adds every current view that mentions a changed table or a view already in {@code drop}. */
  private void closeOver(Map<String, Node> drop, List<String> changedTables) {
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Schema s : from.schemas()) {
        for (View v : s.views()) {
          String k = s.name() + "." + v.name();
          if (drop.containsKey(k)) {
            continue;
          }
          boolean hit =
              changedTables.stream().anyMatch(t -> PostgresSql.mentions(v.definition(), t))
                  || drop.values().stream()
                      .anyMatch(n -> PostgresSql.mentions(v.definition(), n.name()));
          if (hit) {
            drop.put(k, new Node(s.name(), v, null));
            grew = true;
          }
        }
      }
    }
  }

  private static boolean needs(Node a, Node b) {
    return a != b && PostgresSql.mentions(a.body(), b.name());
  }

  private static String returns(String def) {
    int at = def.indexOf("RETURNS ");
    if (at < 0) {
      return null;
    }
    int end = def.indexOf('\n', at);
    return def.substring(at, end < 0 ? def.length() : end).strip();
  }

  private void dropTrigger(String schema, Trigger t) {
    steps.add(
        Phase.DROP_TRIGGERS,
        PostgresObjectSql.dropTrigger(schema, t),
        PostgresObjectSql.createTrigger(t),
        "drop trigger " + t.name());
  }

  /** A trigger whose definition stays: only its comment or enabled state change. */
  private static boolean sameDefinition(SchemaChange.ModifyTrigger m) {
    return Objects.equals(m.from().definition().strip(), m.to().definition().strip())
        && Objects.equals(m.from().table(), m.to().table());
  }

  /** {@code COMMENT ON TRIGGER} and {@code ALTER TABLE ... ENABLE/DISABLE TRIGGER} in place. */
  private void alterTrigger(SchemaChange.ModifyTrigger m) {
    Trigger a = m.from();
    Trigger b = m.to();
    String was = a.attrs().get(PostgresAttrs.COMMENT);
    String now = b.attrs().get(PostgresAttrs.COMMENT);
    if (!Objects.equals(was, now)) {
      steps.add(
          Phase.TRIGGERS,
          PostgresObjectSql.triggerComment(m.schema(), b, now),
          PostgresObjectSql.triggerComment(m.schema(), a, was),
          "comment on trigger " + b.name());
    }
    if (!Objects.equals(
        a.attrs().get(PostgresAttrs.ENABLED), b.attrs().get(PostgresAttrs.ENABLED))) {
      steps.add(
          Phase.TRIGGERS,
          PostgresObjectSql.triggerEnabled(m.schema(), b),
          PostgresObjectSql.triggerEnabled(m.schema(), a),
          "enable state of trigger " + b.name());
    }
  }

  private void createTrigger(String schema, Trigger t) {
    steps.add(
        Phase.TRIGGERS,
        PostgresObjectSql.createTrigger(t),
        PostgresObjectSql.dropTrigger(schema, t),
        "add trigger " + t.name());
    if (t.attrs().get(PostgresAttrs.COMMENT) != null) {
      steps.add(
          Phase.TRIGGERS,
          PostgresObjectSql.triggerComment(schema, t, t.attrs().get(PostgresAttrs.COMMENT)),
          null,
          "comment on trigger " + t.name());
    }
    if (t.attrs().get(PostgresAttrs.ENABLED) != null) {
      steps.add(
          Phase.TRIGGERS,
          PostgresObjectSql.triggerEnabled(schema, t),
          null,
          "enable state of trigger " + t.name());
    }
  }
}
