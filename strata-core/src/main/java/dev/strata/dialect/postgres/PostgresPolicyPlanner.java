package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.AddObject;
import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.SchemaChange.DropObject;
import dev.strata.change.SchemaChange.ModifyObject;
import dev.strata.change.TableChange;
import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.SchemaObject.Policy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans row-level security policies. Policies are dropped before everything else (before the
 * tables, columns and functions they use) and created after everything else (after tables, views,
 * routines and triggers). A changed policy keeps its identity with {@code ALTER POLICY} when only
 * its roles or expressions change, and is dropped and re-created when its {@code AS} or {@code FOR}
 * clause changes or it gains or loses a {@code USING} or {@code WITH CHECK} expression, which
 * {@code ALTER POLICY} cannot do. A policy whose {@code renamed_from} hint names a dropped policy
 * of the same table is renamed. Policies of a table whose column types change or whose columns are
 * dropped, and policies whose expressions mention a routine that is dropped or changed (it may be
 * dropped and re-created when its return type changes), are dropped and re-created around the
 * change, because PostgreSQL refuses to alter a column or drop a function a policy uses.
 */
final class PostgresPolicyPlanner {
  private final PostgresSteps steps;
  private final Realm from;

  PostgresPolicyPlanner(PostgresSteps steps, Realm from) {
    this.steps = steps;
    this.from = from;
  }

  private record Keyed(String schema, Policy policy) {}

  void plan(List<SchemaChange> changes) {
    Map<String, Keyed> added = new LinkedHashMap<>();
    Map<String, Keyed> dropped = new LinkedHashMap<>();
    Map<String, ModifyObject> modified = new LinkedHashMap<>();
    Set<String> reshaped = new HashSet<>();
    Set<String> routines = new HashSet<>();
    for (SchemaChange c : changes) {
      if (c instanceof AddObject a && a.object() instanceof Policy p) {
        added.put(key(a.schema(), p), new Keyed(a.schema(), p));
      } else if (c instanceof DropObject d && d.object() instanceof Policy p) {
        dropped.put(key(d.schema(), p), new Keyed(d.schema(), p));
      } else if (c instanceof ModifyObject m && m.to() instanceof Policy p) {
        modified.put(key(m.schema(), p), m);
      } else if (c instanceof DropObject d && d.object() instanceof SchemaObject.Routine r) {
        routines.add(PostgresObjectSql.routineName(r));
      } else if (c instanceof ModifyObject m && m.from() instanceof SchemaObject.Routine r) {
        routines.add(PostgresObjectSql.routineName(r));
      } else if (c instanceof SchemaChange.ModifyTable m && reshapes(m)) {
        reshaped.add(m.schema() + "\u0000" + m.from().name());
      }
    }
    for (Keyed k : new ArrayList<>(added.values())) {
      String old = k.policy().attrs().get(Differ.RENAMED_FROM);
      Keyed before =
          old == null
              ? null
              : dropped.remove(k.schema() + "\u0000" + k.policy().table() + "\u0000" + old);
      if (before != null) {
        added.remove(key(k.schema(), k.policy()));
        Policy was = before.policy();
        steps.add(
            Phase.DROP_POLICIES,
            "ALTER POLICY "
                + ident(was.policy())
                + " ON "
                + qualified(k.schema(), was.table())
                + " RENAME TO "
                + ident(k.policy().policy()),
            "ALTER POLICY "
                + ident(k.policy().policy())
                + " ON "
                + qualified(k.schema(), was.table())
                + " RENAME TO "
                + ident(was.policy()),
            "rename policy " + was.policy() + " to " + k.policy().policy());
        Policy renamed =
            new Policy(
                was.table(),
                k.policy().policy(),
                was.restrictive(),
                was.command(),
                was.roles(),
                was.using(),
                was.check(),
                was.attrs());
        modify(k.schema(), renamed, k.policy(), reshaped, routines);
      }
    }
    for (Keyed k : dropped.values()) {
      drop(k.schema(), k.policy());
    }
    for (ModifyObject m : modified.values()) {
      modify(m.schema(), (Policy) m.from(), (Policy) m.to(), reshaped, routines);
    }
    for (Keyed k : added.values()) {
      create(k.schema(), k.policy());
    }
    // unchanged policies on tables whose columns change shape, or using routines that change
    for (Schema s : from.schemas()) {
      for (SchemaObject o : s.objects()) {
        if (o instanceof Policy p
            && (reshaped.contains(s.name() + "\u0000" + p.table()) || uses(p, routines))
            && !dropped.containsKey(key(s.name(), p))
            && !modified.containsKey(key(s.name(), p))
            && stillThere(changes, s.name(), p)) {
          drop(s.name(), p);
          create(s.name(), p);
        }
      }
    }
  }

  private static boolean uses(Policy p, Set<String> routines) {
    String text = (p.using() == null ? "" : p.using()) + " " + (p.check() == null ? "" : p.check());
    return routines.stream().anyMatch(r -> PostgresSql.mentions(text, r));
  }

  /** False when the policy is dropped with its table or renamed away. */
  private static boolean stillThere(List<SchemaChange> changes, String schema, Policy p) {
    for (SchemaChange c : changes) {
      if (c instanceof DropObject d
          && d.schema().equals(schema)
          && d.object() instanceof Policy q
          && q.name().equals(p.name())) {
        return false;
      }
    }
    return true;
  }

  private void modify(String s, Policy a, Policy b, Set<String> reshaped, Set<String> routines) {
    boolean recreate =
        a.restrictive() != b.restrictive()
            || !a.command().equals(b.command())
            || (a.using() == null) != (b.using() == null)
            || (a.check() == null) != (b.check() == null)
            || reshaped.contains(s + "\u0000" + a.table())
            || uses(a, routines);
    if (recreate) {
      drop(s, a);
      create(s, b);
      return;
    }
    if (!a.roles().equals(b.roles())
        || !Objects.equals(a.using(), b.using())
        || !Objects.equals(a.check(), b.check())) {
      steps.add(
          Phase.POLICIES,
          alter(s, b),
          alter(s, a),
          "change policy " + b.policy() + " on " + b.table());
    }
    String ca = a.attrs().get(PostgresAttrs.COMMENT);
    String cb = b.attrs().get(PostgresAttrs.COMMENT);
    if (!Objects.equals(ca, cb)) {
      steps.add(
          Phase.POLICIES,
          PostgresObjectSql.comment(s, b, cb),
          PostgresObjectSql.comment(s, a, ca),
          "comment on policy " + b.policy());
    }
  }

  private static String alter(String s, Policy p) {
    return "ALTER POLICY "
        + ident(p.policy())
        + " ON "
        + qualified(s, p.table())
        + PostgresObjectSql.policyClauses(p);
  }

  private void create(String s, Policy p) {
    steps.add(
        Phase.POLICIES,
        PostgresObjectSql.create(s, p),
        PostgresObjectSql.drop(s, p),
        "add policy " + p.policy() + " on " + p.table());
    String comment = p.attrs().get(PostgresAttrs.COMMENT);
    if (comment != null) {
      steps.add(
          Phase.POLICIES,
          PostgresObjectSql.comment(s, p, comment),
          null,
          "comment on policy " + p.policy());
    }
  }

  private void drop(String s, Policy p) {
    steps.add(
        Phase.DROP_POLICIES,
        PostgresObjectSql.drop(s, p),
        PostgresObjectSql.create(s, p),
        "drop policy " + p.policy() + " on " + p.table());
  }

  private static String key(String schema, Policy p) {
    return schema + "\u0000" + p.table() + "\u0000" + p.policy();
  }

  /** Whether a table change alters or drops columns that a policy may use. */
  private static boolean reshapes(SchemaChange.ModifyTable m) {
    for (TableChange tc : m.changes()) {
      if (tc instanceof TableChange.DropColumn) {
        return true;
      }
      if (tc instanceof TableChange.ModifyColumn mc
          && (mc.kinds().contains(ColumnChangeKind.TYPE)
              || mc.kinds().contains(ColumnChangeKind.COLLATION))) {
        return true;
      }
    }
    return false;
  }
}
