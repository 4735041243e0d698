package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.literal;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.SchemaObject.CompositeType;
import dev.strata.model.SchemaObject.DomainType;
import dev.strata.model.SchemaObject.EnumType;
import dev.strata.model.SchemaObject.Extension;
import dev.strata.model.SchemaObject.Routine;
import dev.strata.model.SchemaObject.Sequence;
import dev.strata.model.Table;
import java.util.List;
import java.util.Objects;

/**
 * Plans sequences, enum, domain and composite types, extensions, and the creation of routines that
 * tables need. An enum whose old values keep their order gets {@code ALTER TYPE ... ADD VALUE}
 * statements (run first, outside the transaction, so later statements may use the value and nothing
 * else is committed before the plan's transaction); an enum that loses or reorders values is
 * renamed, re-created, its columns converted through {@code text}, and the old type dropped.
 * Domains change with {@code ALTER DOMAIN}, composites with {@code ALTER TYPE ... ATTRIBUTE},
 * sequences with {@code ALTER SEQUENCE}.
 */
final class PostgresTypePlanner {
  private final PostgresSteps steps;
  private final PostgresDiffHooks hooks;
  private final Realm from;

  PostgresTypePlanner(PostgresSteps steps, PostgresDiffHooks hooks, Realm from) {
    this.steps = steps;
    this.hooks = hooks;
    this.from = from;
  }

  void add(String s, SchemaObject o, boolean early) {
    if (o instanceof Routine && !early) {
      return; // created with the views, in dependency order
    }
    Phase phase =
        o instanceof Extension
            ? Phase.EXTENSIONS
            : o instanceof Sequence
                ? Phase.SEQUENCES
                : o instanceof Routine ? Phase.EARLY_ROUTINES : Phase.TYPES;
    steps.add(
        phase,
        PostgresObjectSql.create(s, o),
        PostgresObjectSql.drop(s, o),
        "add " + o.kind() + " " + o.name());
    String comment = commentOf(o);
    if (comment != null) {
      steps.add(phase, PostgresObjectSql.comment(s, o, comment), null, "comment on " + o.name());
    }
    if (o instanceof Sequence q && q.ownedBy() != null) {
      steps.add(
          Phase.FOREIGN_KEYS,
          PostgresObjectSql.ownedBy(s, q),
          null,
          "sequence " + q.name() + " owned by " + q.ownedBy());
    }
  }

  void drop(String s, SchemaObject o) {
    Phase phase =
        o instanceof Extension
            ? Phase.DROP_EXTENSIONS
            : o instanceof Sequence
                ? Phase.DROP_SEQUENCES
                : o instanceof Routine ? Phase.DROP_ROUTINES : Phase.DROP_TYPES;
    steps.add(
        phase,
        PostgresObjectSql.drop(s, o),
        PostgresObjectSql.create(s, o),
        "drop " + o.kind() + " " + o.name());
  }

  void modify(String s, SchemaObject a, SchemaObject b) {
    if (a instanceof Routine) {
      return; // re-created with the views
    }
    String ca = commentOf(a);
    String cb = commentOf(b);
    if (a instanceof EnumType x && b instanceof EnumType y) {
      enumValues(s, x, y);
    } else if (a instanceof DomainType x && b instanceof DomainType y) {
      domain(s, x, y);
    } else if (a instanceof CompositeType x && b instanceof CompositeType y) {
      composite(s, x, y);
    } else if (a instanceof Extension x && b instanceof Extension y) {
      if (y.version() != null && !y.version().equals(x.version())) {
        // contrib ships upgrade scripts only, so the way back is not planned
        steps.add(
            Phase.EXTENSIONS,
            "ALTER EXTENSION " + ident(y.name()) + " UPDATE TO " + literal(y.version()),
            null,
            "update extension " + y.name() + " from " + x.version() + " to " + y.version());
      }
    } else if (a instanceof Sequence x && b instanceof Sequence y) {
      steps.add(
          Phase.SEQUENCES,
          "ALTER SEQUENCE " + qualified(s, y.name()) + PostgresObjectSql.sequenceOptions(y, true),
          "ALTER SEQUENCE " + qualified(s, x.name()) + PostgresObjectSql.sequenceOptions(x, true),
          "change sequence " + y.name());
      if (!Objects.equals(x.ownedBy(), y.ownedBy())) {
        steps.add(
            Phase.FOREIGN_KEYS,
            PostgresObjectSql.ownedBy(s, y),
            PostgresObjectSql.ownedBy(s, x),
            "sequence " + y.name() + " owner");
      }
    }
    if (!Objects.equals(ca, cb)) {
      steps.add(
          Phase.TYPES,
          PostgresObjectSql.comment(s, b, cb),
          PostgresObjectSql.comment(s, a, ca),
          "comment on " + b.name());
    }
  }

  private void enumValues(String s, EnumType x, EnumType y) {
    List<String> kept = y.values().stream().filter(x.values()::contains).toList();
    if (kept.equals(x.values())) {
      for (int i = 0; i < y.values().size(); i++) {
        String v = y.values().get(i);
        if (!x.values().contains(v)) {
          String after = i > 0 ? y.values().get(i - 1) : null;
          String before = i == 0 && y.values().size() > 1 ? y.values().get(1) : null;
          steps.addOutside(
              Phase.ENUM_VALUES,
              PostgresObjectSql.addEnumValue(s, y, v, before, after),
              null,
              "add value " + v + " to enum " + y.name());
        }
      }
      return;
    }
    String old = PostgresSql.truncate(y.name() + "_old");
    steps.add(
        Phase.TYPES,
        "ALTER TYPE " + qualified(s, x.name()) + " RENAME TO " + ident(old),
        null,
        "rename enum " + x.name() + " to replace it");
    steps.add(Phase.TYPES, PostgresObjectSql.create(s, y), null, "re-create enum " + y.name());
    for (Schema schema : from.schemas()) {
      for (Table t : schema.tables()) {
        for (Column c : t.columns()) {
          String type = PostgresNormalizer.type(c.type());
          String base = type.replace("[]", "");
          if (!base.equals(y.name()) && !base.equals(s + "." + y.name())) {
            continue;
          }
          String alter =
              "ALTER TABLE "
                  + qualified(schema.name(), t.name())
                  + " ALTER COLUMN "
                  + ident(c.name())
                  + " ";
          String newType = qualified(s, y.name()) + type.substring(base.length());
          if (c.defaultExpr() != null) {
            steps.add(Phase.TYPES, alter + "DROP DEFAULT", null, "drop default of " + c.name());
          }
          steps.add(
              Phase.TYPES,
              alter + "TYPE " + newType + " USING " + ident(c.name()) + "::text::" + newType,
              null,
              "convert " + t.name() + "." + c.name() + " to the new enum");
          if (c.defaultExpr() != null) {
            steps.add(
                Phase.TYPES,
                alter + "SET DEFAULT " + c.defaultExpr(),
                null,
                "restore default of " + c.name());
          }
        }
      }
    }
    steps.add(Phase.TYPES, "DROP TYPE " + qualified(s, old), null, "drop replaced enum " + old);
  }

  private void domain(String s, DomainType x, DomainType y) {
    String alter = "ALTER DOMAIN " + qualified(s, y.name()) + " ";
    if (!hooks.normalizeType(x.type()).equals(hooks.normalizeType(y.type()))
        || !Objects.equals(
            x.attrs().get(PostgresAttrs.COLLATE), y.attrs().get(PostgresAttrs.COLLATE))) {
      steps.add(
          Phase.TYPES,
          PostgresObjectSql.drop(s, x),
          PostgresObjectSql.create(s, x),
          "drop domain " + x.name() + " to change its type");
      steps.add(
          Phase.TYPES,
          PostgresObjectSql.create(s, y),
          PostgresObjectSql.drop(s, y),
          "re-create domain " + y.name());
      return;
    }
    if (!hooks.sameDefault(x.defaultExpr(), y.defaultExpr())) {
      steps.add(
          Phase.TYPES,
          alter + (y.defaultExpr() == null ? "DROP DEFAULT" : "SET DEFAULT " + y.defaultExpr()),
          alter + (x.defaultExpr() == null ? "DROP DEFAULT" : "SET DEFAULT " + x.defaultExpr()),
          "change default of domain " + y.name());
    }
    if (x.notNull() != y.notNull()) {
      steps.add(
          Phase.TYPES,
          alter + (y.notNull() ? "SET NOT NULL" : "DROP NOT NULL"),
          alter + (y.notNull() ? "DROP NOT NULL" : "SET NOT NULL"),
          "nullability of domain " + y.name());
    }
    for (Check c : x.checks()) {
      if (y.checks().stream().noneMatch(d -> sameCheck(c, d))) {
        steps.add(
            Phase.TYPES,
            alter + "DROP CONSTRAINT " + ident(c.name()),
            alter + "ADD " + PostgresObjectSql.domainCheck(c),
            "drop check " + c.name());
      }
    }
    for (Check c : y.checks()) {
      if (x.checks().stream().noneMatch(d -> sameCheck(c, d))) {
        steps.add(
            Phase.TYPES,
            alter + "ADD " + PostgresObjectSql.domainCheck(c),
            alter + "DROP CONSTRAINT " + ident(c.name()),
            "add check " + c.name());
      }
    }
  }

  private boolean sameCheck(Check a, Check b) {
    return Objects.equals(a.name(), b.name())
        && hooks.sameExpr(a.expr(), b.expr())
        && a.attrs().equals(b.attrs());
  }

  private void composite(String s, CompositeType x, CompositeType y) {
    String alter = "ALTER TYPE " + qualified(s, y.name()) + " ";
    for (Column f : x.fields()) {
      if (y.fields().stream().noneMatch(g -> g.name().equals(f.name()))) {
        steps.add(
            Phase.TYPES,
            alter + "DROP ATTRIBUTE " + ident(f.name()),
            alter + "ADD ATTRIBUTE " + ident(f.name()) + " " + f.type(),
            "drop field " + f.name());
      }
    }
    for (Column f : y.fields()) {
      var old = x.fields().stream().filter(g -> g.name().equals(f.name())).findFirst();
      if (old.isEmpty()) {
        steps.add(
            Phase.TYPES,
            alter + "ADD ATTRIBUTE " + ident(f.name()) + " " + f.type(),
            alter + "DROP ATTRIBUTE " + ident(f.name()),
            "add field " + f.name());
      } else if (!hooks.sameType(old.get(), f)) {
        steps.add(
            Phase.TYPES,
            alter + "ALTER ATTRIBUTE " + ident(f.name()) + " TYPE " + f.type(),
            alter + "ALTER ATTRIBUTE " + ident(f.name()) + " TYPE " + old.get().type(),
            "change field " + f.name());
      }
    }
  }

  /** The comment attribute of any object kind. */
  static String commentOf(SchemaObject o) {
    dev.strata.model.Attrs a;
    if (o instanceof Sequence q) {
      a = q.attrs();
    } else if (o instanceof EnumType e) {
      a = e.attrs();
    } else if (o instanceof DomainType d) {
      a = d.attrs();
    } else if (o instanceof CompositeType c) {
      a = c.attrs();
    } else if (o instanceof Routine r) {
      a = r.attrs();
    } else if (o instanceof SchemaObject.Policy p) {
      a = p.attrs();
    } else {
      a = ((Extension) o).attrs();
    }
    return a.get(PostgresAttrs.COMMENT);
  }
}
