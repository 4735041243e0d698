package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.literal;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.SchemaObject;
import dev.strata.model.SchemaObject.CompositeType;
import dev.strata.model.SchemaObject.DomainType;
import dev.strata.model.SchemaObject.EnumType;
import dev.strata.model.SchemaObject.Extension;
import dev.strata.model.SchemaObject.Policy;
import dev.strata.model.SchemaObject.Routine;
import dev.strata.model.SchemaObject.Sequence;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders sequences, types, routines, extensions, policies, views and triggers as PostgreSQL DDL.
 */
final class PostgresObjectSql {
  private PostgresObjectSql() {}

  /** The CREATE statement of an object (sequences without OWNED BY, set once tables exist). */
  static String create(String s, SchemaObject o) {
    if (o instanceof Sequence q) {
      return "CREATE SEQUENCE " + qualified(s, q.name()) + sequenceOptions(q, false);
    } else if (o instanceof EnumType e) {
      return "CREATE TYPE "
          + qualified(s, e.name())
          + " AS ENUM ("
          + String.join(", ", e.values().stream().map(PostgresSql::literal).toList())
          + ")";
    } else if (o instanceof DomainType d) {
      StringBuilder sb =
          new StringBuilder("CREATE DOMAIN ")
              .append(qualified(s, d.name()))
              .append(" AS ")
              .append(d.type());
      if (d.attrs().get(PostgresAttrs.COLLATE) != null) {
        sb.append(" COLLATE ").append(d.attrs().get(PostgresAttrs.COLLATE));
      }
      if (d.defaultExpr() != null) {
        sb.append(" DEFAULT ").append(d.defaultExpr());
      }
      if (d.notNull()) {
        sb.append(" NOT NULL");
      }
      for (Check c : d.checks()) {
        sb.append(' ').append(domainCheck(c));
      }
      return sb.toString();
    } else if (o instanceof CompositeType c) {
      List<String> fields = new ArrayList<>();
      for (Column f : c.fields()) {
        fields.add(ident(f.name()) + " " + f.type());
      }
      return "CREATE TYPE " + qualified(s, c.name()) + " AS (" + String.join(", ", fields) + ")";
    } else if (o instanceof Routine r) {
      return r.definition().strip();
    } else if (o instanceof Extension x) {
      return "CREATE EXTENSION IF NOT EXISTS "
          + ident(x.name())
          + " WITH SCHEMA "
          + ident(s)
          + (x.version() == null ? "" : " VERSION " + literal(x.version()));
    } else if (o instanceof Policy p) {
      return "CREATE POLICY "
          + ident(p.policy())
          + " ON "
          + qualified(s, p.table())
          + " AS "
          + (p.restrictive() ? "RESTRICTIVE" : "PERMISSIVE")
          + " FOR "
          + p.command()
          + policyClauses(p);
    }
    throw new IllegalStateException("unknown object " + o);
  }

  static String drop(String s, SchemaObject o) {
    if (o instanceof Sequence q) {
      return "DROP SEQUENCE " + qualified(s, q.name());
    } else if (o instanceof EnumType || o instanceof CompositeType) {
      return "DROP TYPE " + qualified(s, o.name());
    } else if (o instanceof DomainType d) {
      return "DROP DOMAIN " + qualified(s, d.name());
    } else if (o instanceof Routine r) {
      return "DROP " + (r.procedure() ? "PROCEDURE " : "FUNCTION ") + routineRef(s, r);
    } else if (o instanceof Extension x) {
      return "DROP EXTENSION " + ident(x.name());
    } else if (o instanceof Policy p) {
      return "DROP POLICY " + ident(p.policy()) + " ON " + qualified(s, p.table());
    }
    throw new IllegalStateException("unknown object " + o);
  }

  /** {@code TO roles USING (...) WITH CHECK (...)} of a policy, as CREATE and ALTER take them. */
  static String policyClauses(Policy p) {
    StringBuilder sb = new StringBuilder(" TO ").append(policyRoles(p));
    if (p.using() != null) {
      sb.append(" USING (").append(p.using()).append(')');
    }
    if (p.check() != null) {
      sb.append(" WITH CHECK (").append(p.check()).append(')');
    }
    return sb.toString();
  }

  /** The role list of a policy; {@code PUBLIC} and the session keywords stay unquoted. */
  static String policyRoles(Policy p) {
    return String.join(
        ", ",
        p.roles().stream()
            .map(
                r ->
                    switch (r) {
                      case "PUBLIC", "CURRENT_USER", "SESSION_USER", "CURRENT_ROLE" -> r;
                      default -> ident(r);
                    })
            .toList());
  }

  /** {@code schema.name(args)} of a routine whose model name is {@code name(args)}. */
  static String routineRef(String s, Routine r) {
    int p = r.name().indexOf('(');
    return qualified(s, r.name().substring(0, p)) + r.name().substring(p);
  }

  /** The routine's name without its argument list. */
  static String routineName(Routine r) {
    return r.name().substring(0, r.name().indexOf('('));
  }

  static String domainCheck(Check c) {
    return (c.name() == null ? "" : "CONSTRAINT " + ident(c.name()) + " ")
        + "CHECK "
        + (c.expr().startsWith("(") ? c.expr() : "(" + c.expr() + ")")
        + (c.attrs().flag(PostgresAttrs.NOT_VALID) ? " NOT VALID" : "");
  }

  /** Options of CREATE or ALTER SEQUENCE; {@code alter} spells the NO forms of unset options. */
  static String sequenceOptions(Sequence q, boolean alter) {
    StringBuilder sb = new StringBuilder();
    if (q.type() != null || alter) {
      sb.append(" AS ").append(q.type() == null ? "bigint" : q.type());
    }
    if (q.increment() != null || alter) {
      sb.append(" INCREMENT BY ").append(q.increment() == null ? 1 : q.increment());
    }
    if (q.min() != null) {
      sb.append(" MINVALUE ").append(q.min());
    } else if (alter) {
      sb.append(" NO MINVALUE");
    }
    if (q.max() != null) {
      sb.append(" MAXVALUE ").append(q.max());
    } else if (alter) {
      sb.append(" NO MAXVALUE");
    }
    if (q.start() != null) {
      sb.append(" START WITH ").append(q.start());
    }
    if (q.cache() != null || alter) {
      sb.append(" CACHE ").append(q.cache() == null ? 1 : q.cache());
    }
    if (q.cycle()) {
      sb.append(" CYCLE");
    } else if (alter) {
      sb.append(" NO CYCLE");
    }
    return sb.toString();
  }

  static String ownedBy(String s, Sequence q) {
    return "ALTER SEQUENCE "
        + qualified(s, q.name())
        + " OWNED BY "
        + (q.ownedBy() == null ? "NONE" : ident(s) + "." + q.ownedBy());
  }

  static String comment(String s, SchemaObject o, String comment) {
    String what;
    if (o instanceof Sequence) {
      what = "SEQUENCE " + qualified(s, o.name());
    } else if (o instanceof DomainType) {
      what = "DOMAIN " + qualified(s, o.name());
    } else if (o instanceof Routine r) {
      what = (r.procedure() ? "PROCEDURE " : "FUNCTION ") + routineRef(s, r);
    } else if (o instanceof Extension) {
      what = "EXTENSION " + ident(o.name());
    } else if (o instanceof Policy p) {
      what = "POLICY " + ident(p.policy()) + " ON " + qualified(s, p.table());
    } else {
      what = "TYPE " + qualified(s, o.name());
    }
    return "COMMENT ON " + what + " IS " + PostgresTableSql.commentText(comment);
  }

  static String createView(String s, View v) {
    boolean mat = v.attrs().flag(PostgresAttrs.MATERIALIZED);
    String with = v.attrs().get(PostgresAttrs.WITH);
    String def = v.definition().strip();
    while (def.endsWith(";")) {
      def = def.substring(0, def.length() - 1).strip();
    }
    return "CREATE "
        + (mat ? "MATERIALIZED VIEW " : "VIEW ")
        + qualified(s, v.name())
        + (with == null ? "" : " WITH (" + with + ")")
        + " AS "
        + def;
  }

  static String dropView(String s, View v) {
    return "DROP "
        + (v.attrs().flag(PostgresAttrs.MATERIALIZED) ? "MATERIALIZED VIEW " : "VIEW ")
        + qualified(s, v.name());
  }

  static String commentOnView(String s, View v, String comment) {
    return "COMMENT ON "
        + (v.attrs().flag(PostgresAttrs.MATERIALIZED) ? "MATERIALIZED VIEW " : "VIEW ")
        + qualified(s, v.name())
        + " IS "
        + PostgresTableSql.commentText(comment);
  }

  static String createTrigger(Trigger t) {
    return t.definition().strip();
  }

  static String triggerEnabled(String s, Trigger t) {
    String e = t.attrs().get(PostgresAttrs.ENABLED);
    String how =
        switch (e == null ? "O" : e) {
          case "D" -> "DISABLE TRIGGER ";
          case "R" -> "ENABLE REPLICA TRIGGER ";
          case "A" -> "ENABLE ALWAYS TRIGGER ";
          default -> "ENABLE TRIGGER ";
        };
    return "ALTER TABLE " + qualified(s, t.table()) + " " + how + ident(t.name());
  }

  /** {@code COMMENT ON TRIGGER}; a null comment removes it. */
  static String triggerComment(String s, Trigger t, String comment) {
    return "COMMENT ON TRIGGER "
        + ident(t.name())
        + " ON "
        + qualified(s, t.table())
        + " IS "
        + (comment == null ? "NULL" : PostgresTableSql.commentText(comment));
  }

  static String dropTrigger(String s, Trigger t) {
    return "DROP TRIGGER " + ident(t.name()) + " ON " + qualified(s, t.table());
  }

  static String addEnumValue(String s, EnumType e, String value, String before, String after) {
    return "ALTER TYPE "
        + qualified(s, e.name())
        + " ADD VALUE "
        + literal(value)
        + (before != null
            ? " BEFORE " + literal(before)
            : after != null ? " AFTER " + literal(after) : "");
  }
}
