package dev.strata.dialect.postgres;

import dev.strata.dialect.DiffHooks;
import dev.strata.model.Column;
import dev.strata.model.SchemaObject;
import java.util.Objects;

/**
 * PostgreSQL's answers to the Differ: type aliases ({@code int4}/{@code integer}, {@code
 * varchar}/{@code character varying}, {@code timestamp}/{@code timestamp without time zone}),
 * default and expression spellings ({@code now()}/{@code CURRENT_TIMESTAMP}, casts on literals,
 * quoted identifiers, spacing), and routines compared by their normalised definitions. The spelling
 * rules live in {@link PostgresNormalizer}.
 */
public final class PostgresDiffHooks implements DiffHooks {
  @Override
  public boolean sameType(Column from, Column to) {
    return normalizeType(from.type()).equals(normalizeType(to.type()));
  }

  @Override
  public String normalizeType(String type) {
    return PostgresNormalizer.type(type);
  }

  @Override
  public String normalizeExpr(String expr) {
    return PostgresNormalizer.expr(expr);
  }

  @Override
  public boolean sameViewDefinition(String from, String to) {
    return Objects.equals(PostgresNormalizer.body(from), PostgresNormalizer.body(to));
  }

  @Override
  public boolean sameTriggerDefinition(String from, String to) {
    return Objects.equals(PostgresNormalizer.body(from), PostgresNormalizer.body(to));
  }

  @Override
  public boolean sameObject(SchemaObject from, SchemaObject to) {
    if (from instanceof SchemaObject.Routine a && to instanceof SchemaObject.Routine b) {
      return a.procedure() == b.procedure()
          && Objects.equals(
              PostgresNormalizer.body(a.definition()), PostgresNormalizer.body(b.definition()))
          && a.attrs().equals(b.attrs());
    }
    if (from instanceof SchemaObject.DomainType a && to instanceof SchemaObject.DomainType b) {
      return PostgresNormalizer.type(a.type()).equals(PostgresNormalizer.type(b.type()))
          && a.notNull() == b.notNull()
          && sameDefault(a.defaultExpr(), b.defaultExpr())
          && a.checks().size() == b.checks().size()
          && sameChecks(a, b)
          && a.attrs().equals(b.attrs());
    }
    if (from instanceof SchemaObject.CompositeType a
        && to instanceof SchemaObject.CompositeType b) {
      if (a.fields().size() != b.fields().size()) {
        return false;
      }
      for (int i = 0; i < a.fields().size(); i++) {
        Column x = a.fields().get(i);
        Column y = b.fields().get(i);
        if (!x.name().equals(y.name()) || !sameType(x, y)) {
          return false;
        }
      }
      return a.attrs().equals(b.attrs());
    }
    if (from instanceof SchemaObject.Sequence a && to instanceof SchemaObject.Sequence b) {
      return PostgresNormalizer.type(a.type() == null ? "bigint" : a.type())
              .equals(PostgresNormalizer.type(b.type() == null ? "bigint" : b.type()))
          && Objects.equals(a.start(), b.start())
          && Objects.equals(a.increment(), b.increment())
          && Objects.equals(a.min(), b.min())
          && Objects.equals(a.max(), b.max())
          && Objects.equals(a.cache(), b.cache())
          && a.cycle() == b.cycle()
          && Objects.equals(a.ownedBy(), b.ownedBy())
          && a.attrs().equals(b.attrs());
    }
    if (from instanceof SchemaObject.Extension a && to instanceof SchemaObject.Extension b) {
      // a desired extension without a version takes whatever version is installed
      return a.name().equals(b.name())
          && a.attrs().equals(b.attrs())
          && (a.version() == null || b.version() == null || a.version().equals(b.version()));
    }
    if (from instanceof SchemaObject.Policy a && to instanceof SchemaObject.Policy b) {
      return a.restrictive() == b.restrictive()
          && a.command().equals(b.command())
          && a.roles().equals(b.roles())
          && sameOptionalExpr(a.using(), b.using())
          && sameOptionalExpr(a.check(), b.check())
          && Objects.equals(
              a.attrs().get(PostgresAttrs.COMMENT), b.attrs().get(PostgresAttrs.COMMENT));
    }
    return from.equals(to);
  }

  private boolean sameOptionalExpr(String a, String b) {
    return a == null || b == null ? a == b : sameExpr(a, b);
  }

  private boolean sameChecks(SchemaObject.DomainType a, SchemaObject.DomainType b) {
    for (int i = 0; i < a.checks().size(); i++) {
      if (!Objects.equals(a.checks().get(i).name(), b.checks().get(i).name())
          || !sameExpr(a.checks().get(i).expr(), b.checks().get(i).expr())) {
        return false;
      }
    }
    return true;
  }

  /** {@code COMMENT ON INDEX} and {@code COMMENT ON CONSTRAINT} change comments in place. */
  @Override
  public boolean commentsInPlace() {
    return true;
  }
}
