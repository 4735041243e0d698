package dev.strata.lint.rules;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.lint.Analyzer;
import dev.strata.lint.Code;
import dev.strata.lint.Finding;
import dev.strata.lint.LintContext;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the names of objects this plan creates or renames against the project's naming rules
 * (NM101). Existing names are left alone: a rule introduced today does not flag yesterday's tables.
 */
public final class NamingAnalyzer implements Analyzer {
  private final List<NamingRule> rules;

  public NamingAnalyzer(List<NamingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public String name() {
    return "naming";
  }

  @Override
  public List<Finding> analyze(LintContext ctx) {
    List<Finding> out = new ArrayList<>();
    if (rules.isEmpty()) {
      return out;
    }
    for (SchemaChange c : ctx.plan().changes()) {
      if (c instanceof SchemaChange.AddTable a) {
        table(a.table(), c, out);
      } else if (c instanceof SchemaChange.RenameTable r) {
        check("table", r.to().name(), r.to().name(), c, null, out);
      } else if (c instanceof SchemaChange.AddView v) {
        check("view", v.view().name(), v.view().name(), c, null, out);
      } else if (c instanceof SchemaChange.ModifyTable m) {
        String t = m.to().name();
        for (TableChange p : m.changes()) {
          if (p instanceof TableChange.AddColumn a) {
            check("column", a.column().name(), t + "." + a.column().name(), m, p, out);
          } else if (p instanceof TableChange.RenameColumn r) {
            check("column", r.to().name(), t + "." + r.to().name(), m, p, out);
          } else if (p instanceof TableChange.AddIndex a) {
            check("index", a.index().name(), t + "." + a.index().name(), m, p, out);
          } else if (p instanceof TableChange.RenameIndex r) {
            check("index", r.to().name(), t + "." + r.to().name(), m, p, out);
          } else if (p instanceof TableChange.AddForeignKey a) {
            check("foreign_key", a.foreignKey().name(), t + "." + a.foreignKey().name(), m, p, out);
          } else if (p instanceof TableChange.AddCheck a) {
            check("check", a.check().name(), t + "." + a.check().name(), m, p, out);
          }
        }
      }
    }
    return out;
  }

  private void table(Table t, SchemaChange c, List<Finding> out) {
    check("table", t.name(), t.name(), c, null, out);
    for (Column col : t.columns()) {
      check("column", col.name(), t.name() + "." + col.name(), c, null, out);
    }
    for (Index i : t.indexes()) {
      check("index", i.name(), t.name() + "." + i.name(), c, null, out);
    }
    for (ForeignKey fk : t.foreignKeys()) {
      check("foreign_key", fk.name(), t.name() + "." + fk.name(), c, null, out);
    }
    for (Check ch : t.checks()) {
      check("check", ch.name(), t.name() + "." + ch.name(), c, null, out);
    }
  }

  private void check(
      String kind, String name, String ref, SchemaChange c, TableChange p, List<Finding> out) {
    for (NamingRule r : rules) {
      if (r.covers(kind) && r.broken(name)) {
        String why =
            r.message() != null && !r.message().isBlank()
                ? r.message()
                : "does not match " + r.match().pattern();
        out.add(Finding.of(Code.NM101, ref, kind.replace('_', ' ') + " " + ref + ": " + why, c, p));
        return;
      }
    }
  }
}
