package dev.strata.lint.rules;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.lint.Analyzer;
import dev.strata.lint.Code;
import dev.strata.lint.Finding;
import dev.strata.lint.LintContext;
import dev.strata.model.Column;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reports drop-and-add pairs of matching shape as probable renames, which the user confirms with a
 * {@code renamed_from} hint. Tables (RN101) match when they have the same column names and types in
 * any order; columns of one table (RN102) match by type and nullability. A pair is reported only
 * when it is unambiguous: exactly one dropped candidate for the added object and exactly one added
 * candidate for the dropped one.
 */
public final class RenameAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "rename";
  }

  @Override
  public List<Finding> analyze(LintContext ctx) {
    List<Finding> out = new ArrayList<>();
    List<SchemaChange.DropTable> drops = new ArrayList<>();
    List<SchemaChange.AddTable> adds = new ArrayList<>();
    for (SchemaChange c : ctx.plan().changes()) {
      if (c instanceof SchemaChange.DropTable d) {
        drops.add(d);
      } else if (c instanceof SchemaChange.AddTable a) {
        adds.add(a);
      } else if (c instanceof SchemaChange.ModifyTable m) {
        columns(m, out);
      }
    }
    for (Pair<SchemaChange.DropTable, SchemaChange.AddTable> p :
        pairs(
            drops,
            adds,
            d -> d.schema() + "|" + shape(d.table()),
            a -> a.schema() + "|" + shape(a.table()))) {
      String old = p.drop().table().name();
      String now = p.add().table().name();
      out.add(
          Finding.of(
              Code.RN101,
              now,
              "table "
                  + old
                  + " is dropped and "
                  + now
                  + " is added with the same columns: probably a"
                  + " rename that would lose the rows; if so, add renamed_from = \""
                  + old
                  + "\" to table \""
                  + now
                  + "\" (SQL: -- strata:renamed_from "
                  + old
                  + ")",
              p.add(),
              null));
    }
    return out;
  }

  private void columns(SchemaChange.ModifyTable m, List<Finding> out) {
    List<TableChange.DropColumn> drops = new ArrayList<>();
    List<TableChange.AddColumn> adds = new ArrayList<>();
    for (TableChange p : m.changes()) {
      if (p instanceof TableChange.DropColumn d) {
        drops.add(d);
      } else if (p instanceof TableChange.AddColumn a) {
        adds.add(a);
      }
    }
    for (Pair<TableChange.DropColumn, TableChange.AddColumn> p :
        pairs(drops, adds, d -> shape(d.column()), a -> shape(a.column()))) {
      String t = m.to().name();
      String old = p.drop().column().name();
      String now = p.add().column().name();
      out.add(
          Finding.of(
              Code.RN102,
              t + "." + now,
              t
                  + ": column "
                  + old
                  + " is dropped and "
                  + now
                  + " is added with the same type "
                  + p.add().column().type()
                  + ": probably a rename that would lose the values; if so,"
                  + " add renamed_from = \""
                  + old
                  + "\" to column \""
                  + now
                  + "\" (SQL: -- strata:renamed_from "
                  + old
                  + " on the line before the column)",
              m,
              p.add()));
    }
  }

  /** A matched drop and add. */
  private record Pair<D, A>(D drop, A add) {}

  /** The unambiguous pairs: each side has exactly one candidate of the same shape. */
  private static <D, A> List<Pair<D, A>> pairs(
      List<D> drops, List<A> adds, Function<D, String> dropShape, Function<A, String> addShape) {
    List<Pair<D, A>> out = new ArrayList<>();
    for (A a : adds) {
      List<D> ds =
          drops.stream().filter(d -> dropShape.apply(d).equals(addShape.apply(a))).toList();
      long as = adds.stream().filter(x -> addShape.apply(x).equals(addShape.apply(a))).count();
      if (ds.size() == 1 && as == 1) {
        out.add(new Pair<>(ds.get(0), a));
      }
    }
    return out;
  }

  private static String shape(Table t) {
    return t.columns().stream()
        .map(c -> c.name().toLowerCase(Locale.ROOT) + " " + shape(c))
        .sorted()
        .toList()
        .toString();
  }

  private static String shape(Column c) {
    String type =
        Objects.requireNonNullElse(c.type(), "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return type + (c.nullable() ? " null" : " not null");
  }
}
