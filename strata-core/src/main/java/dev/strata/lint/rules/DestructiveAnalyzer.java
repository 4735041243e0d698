package dev.strata.lint.rules;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.lint.Analyzer;
import dev.strata.lint.Code;
import dev.strata.lint.Finding;
import dev.strata.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds changes that lose data or objects: dropped schemas (DS101), tables (DS102), columns
 * (DS103), views (DS104), other schema objects (DS105) and enum values (DS106, for enum types and
 * MySQL's inline enum columns). With a data probe the message says how many rows go.
 */
public final class DestructiveAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "destructive";
  }

  @Override
  public List<Finding> analyze(LintContext ctx) {
    List<Finding> out = new ArrayList<>();
    List<SchemaChange> changes = ctx.plan().changes();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.DropSchema d) {
        int n = d.definition() == null ? 0 : d.definition().tables().size();
        out.add(
            Finding.of(
                Code.DS101,
                d.schema(),
                "schema "
                    + d.schema()
                    + " is dropped with its "
                    + n
                    + (n == 1 ? " table" : " tables"),
                c,
                null));
      } else if (c instanceof SchemaChange.DropTable d) {
        String rows =
            ctx.data() == null
                ? "its data"
                : SqlNames.rows(ctx.data().rows(d.schema(), d.table().name()));
        out.add(
            Finding.of(
                Code.DS102,
                d.table().name(),
                "table " + d.table().name() + " is dropped with " + rows,
                c,
                null));
      } else if (c instanceof SchemaChange.DropView d) {
        out.add(
            Finding.of(
                Code.DS104, d.view().name(), "view " + d.view().name() + " is dropped", c, null));
      } else if (c instanceof SchemaChange.DropObject d) {
        String what = d.object().kind() + " " + d.object().name();
        out.add(Finding.of(Code.DS105, d.object().name(), what + " is dropped", c, null));
      } else if (c instanceof SchemaChange.ModifyObject m) {
        List<String> before = PlanChanges.enumValues(m.from());
        List<String> after = PlanChanges.enumValues(m.to());
        if (before != null && after != null) {
          List<String> gone = before.stream().filter(v -> !after.contains(v)).toList();
          if (!gone.isEmpty()) {
            out.add(
                Finding.of(
                    Code.DS106,
                    m.to().name(),
                    "enum " + m.to().name() + " loses " + PlanChanges.quoteValues(gone),
                    c,
                    null));
          }
        }
      }
    }
    PlanChanges.each(
        changes,
        TableChange.DropColumn.class,
        (m, d) -> {
          String ref = m.to().name() + "." + d.column().name();
          String rows =
              ctx.data() == null
                  ? "its data"
                  : "the values of "
                      + SqlNames.rows(
                          ctx.data().rows(m.schema(), PlanChanges.liveName(changes, m)));
          out.add(Finding.of(Code.DS103, ref, "column " + ref + " is dropped with " + rows, m, d));
        });
    PlanChanges.each(
        changes,
        TableChange.ModifyColumn.class,
        (m, mc) -> {
          TypeShape from = TypeShape.parse(mc.from().type());
          TypeShape to = TypeShape.parse(mc.to().type());
          if (from.family() == TypeShape.Family.ENUM && to.family() == TypeShape.Family.ENUM) {
            List<String> gone = to.removedFrom(from);
            if (!gone.isEmpty()) {
              String ref = m.to().name() + "." + mc.to().name();
              out.add(
                  Finding.of(
                      Code.DS106,
                      ref,
                      "enum column " + ref + " loses " + PlanChanges.quoteValues(gone),
                      m,
                      mc));
            }
          }
        });
    return out;
  }
}
