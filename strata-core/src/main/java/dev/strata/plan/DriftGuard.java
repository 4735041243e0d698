package dev.strata.plan;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.dialect.DiffHooks;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a stored plan when the live schema is not the one it was made from, and checks after an
 * apply that the result is the one it promised. The comparison is by {@link SchemaHash}; on a
 * mismatch the Differ compares the plan's stored starting schema with the live one and the changes
 * are put in words ("table users gained column x").
 */
public final class DriftGuard {
  private final DiffHooks hooks;

  public DriftGuard(DiffHooks hooks) {
    this.hooks = hooks;
  }

  /** Throws {@link DriftException} unless {@code live} hashes to the plan's {@code fromHash}. */
  public void checkBefore(PlanFile plan, Realm live) {
    if (SchemaHash.of(live).equals(plan.fromHash())) {
      return;
    }
    List<String> what = plan.from() == null ? List.of() : explain(plan.from(), live);
    throw new DriftException(
        "the database changed since this plan was made"
            + (what.isEmpty() ? " (its schema hash differs)" : ": " + String.join("; ", what))
            + "; make a new plan",
        what);
  }

  /** Throws {@link DriftException} unless {@code applied} hashes to the plan's {@code toHash}. */
  public void checkAfter(PlanFile plan, Realm applied, Realm expected) {
    if (SchemaHash.of(applied).equals(plan.toHash())) {
      return;
    }
    List<String> what = expected == null ? List.of() : explain(expected, applied);
    throw new DriftException(
        "the plan was applied but the schema does not match the one it promised"
            + (what.isEmpty() ? " (its schema hash differs)" : ": " + String.join("; ", what)),
        what);
  }

  /** What happened to {@code before} to make it {@code after}, one phrase per change. */
  public List<String> explain(Realm before, Realm after) {
    List<String> out = new ArrayList<>();
    for (SchemaChange c : new Differ(hooks).diff(before, after)) {
      if (c instanceof SchemaChange.ModifyTable m) {
        String t = "table " + m.to().name();
        for (TableChange p : m.changes()) {
          out.add(t + " " + part(p));
        }
      } else {
        out.add(whole(c));
      }
    }
    return out;
  }

  private static String whole(SchemaChange c) {
    if (c instanceof SchemaChange.AddTable a) {
      return "table " + a.table().name() + " was created";
    } else if (c instanceof SchemaChange.DropTable d) {
      return "table " + d.table().name() + " was dropped";
    } else if (c instanceof SchemaChange.AddSchema a) {
      return "schema " + a.schema() + " was created";
    } else if (c instanceof SchemaChange.DropSchema d) {
      return "schema " + d.schema() + " was dropped";
    } else if (c instanceof SchemaChange.AddView a) {
      return "view " + a.view().name() + " was created";
    } else if (c instanceof SchemaChange.DropView d) {
      return "view " + d.view().name() + " was dropped";
    } else if (c instanceof SchemaChange.AddObject a) {
      return a.object().kind() + " " + a.object().name() + " was created";
    } else if (c instanceof SchemaChange.DropObject d) {
      return d.object().kind() + " " + d.object().name() + " was dropped";
    }
    return SchemaChange.describe(c).replaceFirst("^modify ", "") + " changed";
  }

  private static String part(TableChange p) {
    if (p instanceof TableChange.AddColumn a) {
      return "gained column " + a.column().name();
    } else if (p instanceof TableChange.DropColumn d) {
      return "lost column " + d.column().name();
    } else if (p instanceof TableChange.ModifyColumn m) {
      String kinds =
          String.join(
              ", ",
              m.kinds().stream()
                  .map(k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                  .sorted()
                  .toList());
      String type =
          m.kinds().contains(SchemaChange.ColumnChangeKind.TYPE)
              ? ", " + m.from().type() + " → " + m.to().type()
              : "";
      return "column " + m.to().name() + " changed (" + kinds + type + ")";
    } else if (p instanceof TableChange.AddIndex a) {
      return "gained index " + a.index().name();
    } else if (p instanceof TableChange.DropIndex d) {
      return "lost index " + d.index().name();
    } else if (p instanceof TableChange.AddForeignKey a) {
      return "gained a foreign key to " + a.foreignKey().refTable();
    } else if (p instanceof TableChange.DropForeignKey d) {
      return "lost a foreign key to " + d.foreignKey().refTable();
    } else if (p instanceof TableChange.AddCheck a) {
      return "gained check " + (a.check().name() == null ? a.check().expr() : a.check().name());
    } else if (p instanceof TableChange.DropCheck d) {
      return "lost check " + (d.check().name() == null ? d.check().expr() : d.check().name());
    } else if (p instanceof TableChange.ModifyPrimaryKey) {
      return "changed its primary key";
    } else if (p instanceof TableChange.RenameColumn r) {
      return "renamed column " + r.from().name() + " to " + r.to().name();
    } else if (p instanceof TableChange.RenamePrimaryKey r) {
      return "renamed primary key " + r.from().name() + " to " + r.to().name();
    } else if (p instanceof TableChange.RenameIndex r) {
      return "renamed index " + r.from().name() + " to " + r.to().name();
    } else if (p instanceof TableChange.ModifyPartComment c) {
      return "changed the comment of an index or constraint";
    }
    return "changed its " + (p instanceof TableChange.ModifyComment ? "comment" : "attributes");
  }
}
