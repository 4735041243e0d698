package dev.strata.diff;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the changes that lose data: dropped schemas, tables and columns. Applying them is refused
 * unless the user allows destructive changes explicitly.
 */
public final class Destructive {
  private Destructive() {}

  /** One line per data-losing change, e.g. "drop column users.last_login"; empty when none. */
  public static List<String> find(List<SchemaChange> changes) {
    List<String> out = new ArrayList<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.DropSchema d) {
        out.add("drop schema " + d.schema() + " with everything in it");
      } else if (c instanceof SchemaChange.DropTable d) {
        out.add("drop table " + d.table().name());
      } else if (c instanceof SchemaChange.ModifyTable m) {
        for (TableChange tc : m.changes()) {
          if (tc instanceof TableChange.DropColumn dc) {
            out.add("drop column " + m.to().name() + "." + dc.column().name());
          }
        }
      }
    }
    return out;
  }
}
