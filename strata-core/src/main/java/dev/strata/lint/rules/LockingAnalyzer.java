package dev.strata.lint.rules;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.TableChange;
import dev.strata.lint.Analyzer;
import dev.strata.lint.Code;
import dev.strata.lint.Finding;
import dev.strata.lint.LintContext;
import dev.strata.lint.StatementLocator;
import dev.strata.lint.impact.TableStat;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Flags statements that lock, scan, rewrite or copy an existing table, chosen by dialect name and
 * change kind, one small rule each. PostgreSQL: index without CONCURRENTLY (LK101), type change
 * that rewrites (LK102), volatile default (LK103), SET NOT NULL scan (LK104), foreign key and check
 * validation scans without NOT VALID (LK105, LK106). MySQL: changes done by table copy (LK107).
 * SQLite: table rebuilds (LK108). Tables known to be empty (from statistics or the data probe) are
 * skipped; unknown sizes are reported.
 */
public final class LockingAnalyzer implements Analyzer {
  private static final Pattern VOLATILE =
      Pattern.compile(
          "(?i)\\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval|txid_current)\\s*\\(");

  @Override
  public String name() {
    return "locking";
  }

  @Override
  public List<Finding> analyze(LintContext ctx) {
    List<Finding> out = new ArrayList<>();
    if (ctx.is("postgres")) {
      postgres(ctx, out);
    } else if (ctx.is("mysql")) {
      mysql(ctx, out);
    } else if (ctx.is("sqlite")) {
      sqlite(ctx, out);
    }
    return out;
  }

  private void postgres(LintContext ctx, List<Finding> out) {
    StatementLocator locator = new StatementLocator(ctx.plan().statements());
    List<SchemaChange> changes = ctx.plan().changes();
    for (PlanChanges.Part p : PlanChanges.parts(changes)) {
      SchemaChange.ModifyTable m = p.table();
      if (empty(ctx, m)) {
        continue;
      }
      String t = m.to().name();
      String sql = sql(ctx, locator, m, p.change());
      if (p.change() instanceof TableChange.AddIndex a && !sql.contains("CONCURRENTLY")) {
        out.add(
            Finding.of(
                Code.LK101,
                t + "." + a.index().name(),
                "index "
                    + a.index().name()
                    + " on "
                    + t
                    + " is built without CONCURRENTLY and blocks writes to "
                    + t
                    + " (SHARE lock) until it is done"
                    + (a.index().attrs().flag("constraint")
                            || m.to().attrs().get("partition_by") != null
                        ? ""
                        : "; set diff { concurrent_index { create = true } } in strata.hcl (or"
                            + " pass --concurrent-index) to build it with CREATE INDEX"
                            + " CONCURRENTLY"),
                m,
                a));
      } else if (p.change() instanceof TableChange.ModifyColumn mc) {
        String ref = t + "." + mc.to().name();
        if (mc.kinds().contains(ColumnChangeKind.TYPE) && rewrites(mc)) {
          out.add(
              Finding.of(
                  Code.LK102,
                  ref,
                  ref
                      + ": changing the type from "
                      + mc.from().type()
                      + " to "
                      + mc.to().type()
                      + " rewrites "
                      + t
                      + " under an ACCESS EXCLUSIVE lock",
                  m,
                  mc));
        }
        if (mc.kinds().contains(ColumnChangeKind.NULL)
            && mc.from().nullable()
            && !mc.to().nullable()) {
          out.add(
              Finding.of(
                  Code.LK104,
                  ref,
                  ref
                      + ": SET NOT NULL scans "
                      + t
                      + " under an ACCESS EXCLUSIVE lock; add CHECK ("
                      + mc.to().name()
                      + " IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL",
                  m,
                  mc));
        }
      } else if (p.change() instanceof TableChange.AddColumn a
          && a.column().defaultExpr() != null
          && VOLATILE.matcher(a.column().defaultExpr()).find()) {
        String ref = t + "." + a.column().name();
        out.add(
            Finding.of(
                Code.LK103,
                ref,
                ref
                    + ": the volatile default "
                    + a.column().defaultExpr()
                    + " rewrites "
                    + t
                    + " under an ACCESS EXCLUSIVE lock; add the column without default, then backfill in batches",
                m,
                a));
      } else if (p.change() instanceof TableChange.AddForeignKey fk && !sql.contains("NOT VALID")) {
        String name =
            fk.foreignKey().name() == null
                ? "foreign key"
                : "foreign key " + fk.foreignKey().name();
        out.add(
            Finding.of(
                Code.LK105,
                t,
                name
                    + " on "
                    + t
                    + " is validated while "
                    + t
                    + " and "
                    + fk.foreignKey().refTable()
                    + " are locked (SHARE ROW EXCLUSIVE); add it NOT VALID, then VALIDATE CONSTRAINT",
                m,
                fk));
      } else if (p.change() instanceof TableChange.AddCheck ch && !sql.contains("NOT VALID")) {
        String name = ch.check().name() == null ? "check" : "check " + ch.check().name();
        out.add(
            Finding.of(
                Code.LK106,
                t,
                name
                    + " on "
                    + t
                    + " scans the table under an ACCESS EXCLUSIVE lock; add it NOT VALID, then VALIDATE CONSTRAINT",
                m,
                ch));
      }
    }
  }

  private void mysql(LintContext ctx, List<Finding> out) {
    StatementLocator locator = new StatementLocator(ctx.plan().statements());
    for (PlanChanges.Part p : PlanChanges.parts(ctx.plan().changes())) {
      SchemaChange.ModifyTable m = p.table();
      String reason = null;
      if (p.change() instanceof TableChange.ModifyColumn mc
          && (mc.kinds().contains(ColumnChangeKind.TYPE)
              || mc.kinds().contains(ColumnChangeKind.NULL))
          && !online(sql(ctx, locator, m, p.change()))) {
        // the planner asks for ALGORITHM=INPLACE/INSTANT where the server does the change
        // online (a VARCHAR lengthened within its length bytes, NULL <-> NOT NULL); an ALTER
        // without one copies the table
        reason = "changing column " + mc.to().name();
      } else if (p.change() instanceof TableChange.ModifyPrimaryKey) {
        reason = "changing the primary key";
      }
      if (reason != null && !empty(ctx, m)) {
        String t = m.to().name();
        out.add(
            Finding.of(
                Code.LK107,
                t,
                reason
                    + " copies "
                    + t
                    + " (ALGORITHM=COPY) and blocks writes until the copy is done; consider an online schema change tool for large tables",
                m,
                p.change()));
      }
    }
  }

  private static boolean online(String sql) {
    return sql.contains("ALGORITHM=INPLACE") || sql.contains("ALGORITHM=INSTANT");
  }

  private void sqlite(LintContext ctx, List<Finding> out) {
    for (SchemaChange c : ctx.plan().changes()) {
      if (c instanceof SchemaChange.ModifyTable m && !empty(ctx, m)) {
        boolean rebuild =
            m.changes().stream()
                .anyMatch(
                    p ->
                        p instanceof TableChange.ModifyColumn
                            || p instanceof TableChange.ModifyPrimaryKey
                            || p instanceof TableChange.AddForeignKey
                            || p instanceof TableChange.DropForeignKey
                            || p instanceof TableChange.AddCheck
                            || p instanceof TableChange.DropCheck);
        if (rebuild) {
          String t = m.to().name();
          out.add(
              Finding.of(
                  Code.LK108,
                  t,
                  t
                      + " is rebuilt: its rows are copied into a new table while the database is locked for writing",
                  m,
                  null));
        }
      }
    }
  }

  /** Whether a PostgreSQL or MySQL type change must rewrite: anything but widening a string. */
  static boolean rewrites(TableChange.ModifyColumn mc) {
    TypeShape from = TypeShape.parse(mc.from().type());
    TypeShape to = TypeShape.parse(mc.to().type());
    return !(from.family() == TypeShape.Family.STRING && to.holdsAll(from));
  }

  private static String sql(
      LintContext ctx, StatementLocator locator, SchemaChange c, TableChange part) {
    Integer i = locator.locate(c, part);
    if (i == null) {
      return "";
    }
    Statement s = ctx.plan().statements().get(i);
    return s.sql().toUpperCase(Locale.ROOT);
  }

  /** Whether the table is known to be empty: such tables lock only for an instant. */
  private static boolean empty(LintContext ctx, SchemaChange.ModifyTable m) {
    OptionalLong rows = rows(ctx, m.schema(), PlanChanges.liveName(ctx.plan().changes(), m));
    return rows.isPresent() && rows.getAsLong() == 0;
  }

  static OptionalLong rows(LintContext ctx, String schema, String table) {
    if (ctx.stats() != null) {
      java.util.Optional<TableStat> s = ctx.stats().stat(schema, table);
      if (s.isPresent() && s.get().rows() >= 0) {
        return OptionalLong.of(s.get().rows());
      }
    }
    return ctx.data() == null
        ? OptionalLong.empty()
        : OptionalLong.of(ctx.data().rows(schema, table));
  }
}
