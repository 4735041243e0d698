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
 * Finds backward-incompatible changes: renamed tables (BC101) and columns (BC102). The data is
 * kept, but application code still using the old name fails as soon as the plan is applied.
 */
public final class CompatibilityAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "incompatible";
  }

  @Override
  public List<Finding> analyze(LintContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (SchemaChange c : ctx.plan().changes()) {
      if (c instanceof SchemaChange.RenameTable r) {
        out.add(
            Finding.of(
                Code.BC101,
                r.from().name(),
                "table "
                    + r.from().name()
                    + " is renamed to "
                    + r.to().name()
                    + "; clients using the old name will fail",
                c,
                null));
      }
    }
    PlanChanges.each(
        ctx.plan().changes(),
        TableChange.RenameColumn.class,
        (m, r) -> {
          String ref = m.to().name() + "." + r.from().name();
          out.add(
              Finding.of(
                  Code.BC102,
                  ref,
                  "column "
                      + ref
                      + " is renamed to "
                      + r.to().name()
                      + "; clients using the old name will fail",
                  m,
                  r));
        });
    return out;
  }
}
