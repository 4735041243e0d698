package dev.strata.lint.rules;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.TableChange;
import dev.strata.lint.Analyzer;
import dev.strata.lint.Code;
import dev.strata.lint.Finding;
import dev.strata.lint.LintContext;
import dev.strata.lint.Severity;
import dev.strata.model.Column;
import dev.strata.model.IndexPart;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks changes that fail or lose data depending on the rows, against the real data through the
 * context's {@link DataProbe}: a NOT NULL column without default added to a table with rows
 * (DD101), SET NOT NULL on a column holding NULLs (DD102), a unique index, constraint or primary
 * key over duplicate values (DD103), a type narrowed below existing values (DD104: shorter strings,
 * smaller integers) and an enum value removed while rows use it (DD105). Without a probe nothing is
 * reported. SQLite enforces neither lengths nor integer widths, so DD104 is a warning there.
 */
public final class DataAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "data_dependent";
  }

  @Override
  public List<Finding> analyze(LintContext ctx) {
    List<Finding> out = new ArrayList<>();
    DataProbe data = ctx.data();
    if (data == null) {
      return out;
    }
    List<SchemaChange> changes = ctx.plan().changes();
    for (PlanChanges.Part p : PlanChanges.parts(changes)) {
      SchemaChange.ModifyTable m = p.table();
      String schema = m.schema();
      String table = PlanChanges.liveName(changes, m);
      if (p.change() instanceof TableChange.AddColumn a) {
        Column c = a.column();
        if (!c.nullable()
            && c.defaultExpr() == null
            && c.generated() == null
            && !c.autoIncrement()) {
          long rows = data.rows(schema, table);
          if (rows > 0) {
            out.add(
                Finding.of(
                    Code.DD101,
                    ref(m, c.name()),
                    ref(m, c.name())
                        + ": "
                        + SqlNames.rows(rows)
                        + " would violate NOT NULL (no default given)",
                    m,
                    a));
          }
        }
      } else if (p.change() instanceof TableChange.ModifyColumn mc) {
        modifyColumn(ctx, data, m, table, mc, out);
      } else if (p.change() instanceof TableChange.AddIndex ai && ai.index().unique()) {
        unique(data, m, table, ai.index().name(), ai.index().parts(), ai.index().where(), ai, out);
      } else if (p.change() instanceof TableChange.ModifyPrimaryKey pk && pk.to() != null) {
        unique(data, m, table, "primary key", pk.to().parts(), null, pk, out);
      }
    }
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.ModifyObject mo) {
        List<String> before = PlanChanges.enumValues(mo.from());
        List<String> after = PlanChanges.enumValues(mo.to());
        if (before == null || after == null) {
          continue;
        }
        List<String> gone = before.stream().filter(v -> !after.contains(v)).toList();
        if (gone.isEmpty()) {
          continue;
        }
        PlanChanges.enumColumns(
            ctx.from(),
            mo.schema(),
            mo.from().name(),
            tc -> {
              long n = data.matching(mo.schema(), tc.table().name(), tc.column().name(), gone);
              if (n > 0) {
                String r = tc.table().name() + "." + tc.column().name();
                out.add(Finding.of(Code.DD105, r, enumMessage(r, n, gone), c, null));
              }
            });
      }
    }
    return out;
  }

  private void modifyColumn(
      LintContext ctx,
      DataProbe data,
      SchemaChange.ModifyTable m,
      String table,
      TableChange.ModifyColumn mc,
      List<Finding> out) {
    String col = mc.from().name();
    String r = ref(m, mc.to().name());
    if (mc.kinds().contains(ColumnChangeKind.NULL) && mc.from().nullable() && !mc.to().nullable()) {
      long n = data.nulls(m.schema(), table, col);
      if (n > 0) {
        out.add(
            Finding.of(
                Code.DD102,
                r,
                r
                    + ": "
                    + SqlNames.rows(n)
                    + (n == 1 ? " holds" : " hold")
                    + " NULL and would violate NOT NULL",
                m,
                mc));
      }
    }
    if (!mc.kinds().contains(ColumnChangeKind.TYPE)) {
      return;
    }
    TypeShape from = TypeShape.parse(mc.from().type());
    TypeShape to = TypeShape.parse(mc.to().type());
    if (to.holdsAll(from) || from.family() != to.family()) {
      return;
    }
    String change = " (" + mc.from().type() + " → " + mc.to().type() + ")";
    Severity sev = ctx.is("sqlite") ? Severity.WARNING : Code.DD104.severity();
    String tail =
        ctx.is("sqlite") ? "; SQLite keeps them but the declared type no longer holds" : "";
    switch (to.family()) {
      case STRING -> {
        long n = data.longerThan(m.schema(), table, col, to.length());
        if (n > 0) {
          String msg =
              r
                  + ": "
                  + SqlNames.rows(n)
                  + " longer than "
                  + to.length()
                  + " characters would be truncated or rejected"
                  + change
                  + tail;
          out.add(new Finding(Code.DD104, sev, msg, r, m, mc));
        }
      }
      case INTEGER -> {
        long n = data.outside(m.schema(), table, col, to.min(), to.max());
        if (n > 0) {
          String msg =
              r
                  + ": "
                  + SqlNames.rows(n)
                  + " outside "
                  + to.min()
                  + ".."
                  + to.max()
                  + " would be rejected"
                  + change
                  + tail;
          out.add(new Finding(Code.DD104, sev, msg, r, m, mc));
        }
      }
      case ENUM -> {
        List<String> gone = to.removedFrom(from);
        long n = data.matching(m.schema(), table, col, gone);
        if (n > 0) {
          out.add(Finding.of(Code.DD105, r, enumMessage(r, n, gone), m, mc));
        }
      }
      case OTHER -> {
        // no portable way to check other conversions; the locking rules flag the rewrite
      }
    }
  }

  private static void unique(
      DataProbe data,
      SchemaChange.ModifyTable m,
      String table,
      String what,
      List<IndexPart> parts,
      String where,
      TableChange change,
      List<Finding> out) {
    if (parts.isEmpty() || parts.stream().anyMatch(p -> p.column() == null)) {
      return; // expression keys cannot be counted portably
    }
    List<String> cols = parts.stream().map(IndexPart::column).toList();
    long n = data.duplicates(m.schema(), table, cols, where);
    if (n > 0) {
      String r = m.to().name() + "(" + String.join(", ", cols) + ")";
      out.add(
          Finding.of(
              Code.DD103,
              r,
              r
                  + ": "
                  + SqlNames.rows(n)
                  + (n == 1 ? " shares" : " share")
                  + " a value with another row; the unique "
                  + (what.equals("primary key") ? "primary key" : "index " + what)
                  + " cannot be built",
              m,
              change));
    }
  }

  private static String enumMessage(String ref, long n, List<String> gone) {
    return ref
        + ": "
        + SqlNames.rows(n)
        + (n == 1 ? " uses" : " use")
        + " removed enum value "
        + PlanChanges.quoteValues(gone);
  }

  private static String ref(SchemaChange.ModifyTable m, String column) {
    return m.to().name() + "." + column;
  }
}
