package dev.strata.diff;

import dev.strata.InputException;
import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.TableChange;
import dev.strata.change.TableChange.AddCheck;
import dev.strata.change.TableChange.AddColumn;
import dev.strata.change.TableChange.AddForeignKey;
import dev.strata.change.TableChange.AddIndex;
import dev.strata.change.TableChange.DropCheck;
import dev.strata.change.TableChange.DropColumn;
import dev.strata.change.TableChange.DropForeignKey;
import dev.strata.change.TableChange.DropIndex;
import dev.strata.change.TableChange.ModifyAttrs;
import dev.strata.change.TableChange.ModifyColumn;
import dev.strata.change.TableChange.ModifyComment;
import dev.strata.change.TableChange.ModifyPrimaryKey;
import dev.strata.change.TableChange.RenameColumn;
import dev.strata.change.TableChange.RenameIndex;
import dev.strata.dialect.DiffHooks;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two versions of one table part by part. Columns and indexes are matched by name or by
 * the {@code renamed_from} hint; foreign keys and checks by name when both sides name them,
 * otherwise by their content (SQLite, for one, keeps no names for unnamed constraints). Output
 * order: drops first (foreign keys, checks, indexes, columns), then renames, column changes and
 * additions, so that a planner that emits them in order never references a dropped object. Column
 * changes and additions come in the desired column order; where the dialect keeps column order,
 * kept columns outside a longest run already in order also get {@code POSITION} (see {@link
 * #moved}).
 */
final class TableDiffer {
  private final DiffHooks hooks;

  TableDiffer(DiffHooks hooks) {
    this.hooks = hooks;
  }

  List<TableChange> diff(Table from, Table to) {
    return diff(from, to, Map.of(), false);
  }

  /**
   * As {@link #diff(Table, Table)}; {@code refRenames} holds, per desired table name, the column
   * renames of the tables this plan renames columns of (old name to new), so that a foreign key
   * referencing a renamed column is not taken for a changed one: the databases update such
   * references, and the indexes, keys and foreign keys over a renamed column, by themselves. When
   * {@code tableRenamed}, an index of the same definition under another name (PostgreSQL keeps
   * {@code users_email_key} when {@code users} becomes {@code people}; the desired schema says
   * {@code people_email_key}) is renamed rather than dropped and built again.
   */
  List<TableChange> diff(
      Table from, Table to, Map<String, Map<String, String>> refRenames, boolean tableRenamed) {
    List<TableChange> drops = new ArrayList<>();
    List<TableChange> rest = new ArrayList<>();
    Renamed r = new Renamed(columnRenames(from, to), refRenames, tableRenamed);
    diffForeignKeys(from, to, drops, rest, r);
    diffChecks(from, to, drops, rest);
    diffIndexes(from, to, drops, rest, r);
    diffColumns(from, to, drops, rest);
    if (!samePrimaryKey(from.primaryKey(), to.primaryKey(), r)) {
      PrimaryKey a = from.primaryKey();
      PrimaryKey b = to.primaryKey();
      boolean onlyName =
          a != null
              && b != null
              && a.name() != null
              && b.name() != null
              && samePrimaryKey(new PrimaryKey(null, a.parts()), b, r);
      rest.add(onlyName ? new TableChange.RenamePrimaryKey(a, b) : new ModifyPrimaryKey(a, b));
      if (onlyName) {
        partComment(a.attrs(), b, b.attrs(), rest);
      }
    } else if (from.primaryKey() != null) {
      partComment(from.primaryKey().attrs(), to.primaryKey(), to.primaryKey().attrs(), rest);
    }
    if (!Objects.equals(Differ.blankToNull(from.comment()), Differ.blankToNull(to.comment()))) {
      rest.add(new ModifyComment(from.comment(), to.comment()));
    }
    if (!withoutHints(from.attrs()).equals(withoutHints(to.attrs()))) {
      rest.add(new ModifyAttrs(from.attrs(), to.attrs()));
    }
    List<TableChange> out = new ArrayList<>(drops);
    out.addAll(rest);
    return out;
  }

  /**
   * The columns of {@code from} that {@code to} renames ({@code renamed_from} naming a column that
   * {@code from} has and {@code to} does not, under a name {@code from} does not have), old name to
   * new; the same pairs {@link #diffColumns} turns into {@code RenameColumn}.
   */
  Map<String, String> columnRenames(Table from, Table to) {
    Map<String, String> out = new HashMap<>();
    for (Column desired : to.columns()) {
      String old = desired.attrs().get(Differ.RENAMED_FROM);
      if (old == null
          || Names.find(hooks, from.columns(), Column::name, desired.name()).isPresent()
          || Names.find(hooks, to.columns(), Column::name, old).isPresent()) {
        continue;
      }
      Names.find(hooks, from.columns(), Column::name, old)
          .ifPresent(before -> out.put(before.name(), desired.name()));
    }
    return out;
  }

  /**
   * The renames a comparison sees through: {@code columns} of this table, and {@code refs} of the
   * tables its foreign keys reference (by desired table name), each old name to new.
   */
  private record Renamed(
      Map<String, String> columns, Map<String, Map<String, String>> refs, boolean table) {
    String column(String name) {
      return name == null ? null : columns.getOrDefault(name, name);
    }

    List<String> columns(List<String> names) {
      return names.stream().map(this::column).toList();
    }

    List<String> refColumns(String table, List<String> names) {
      Map<String, String> m = refs.getOrDefault(table, Map.of());
      return names.stream().map(n -> m.getOrDefault(n, n)).toList();
    }
  }

  private void diffColumns(Table from, Table to, List<TableChange> drops, List<TableChange> rest) {
    Set<String> matched = new HashSet<>();
    Map<String, Column> pairs = new LinkedHashMap<>();
    Map<String, List<TableChange>> byColumn = new LinkedHashMap<>();
    for (Column desired : to.columns()) {
      List<TableChange> mine = byColumn.computeIfAbsent(desired.name(), k -> new ArrayList<>());
      Optional<Column> current = Names.find(hooks, from.columns(), Column::name, desired.name());
      String old = desired.attrs().get(Differ.RENAMED_FROM);
      if (old != null
          && !old.equalsIgnoreCase(desired.name())
          && Names.find(hooks, to.columns(), Column::name, old).isPresent()) {
        throw new InputException(
            "cannot rename column "
                + old
                + " to "
                + desired.name()
                + " in table "
                + to.name()
                + ": the desired schema still has a column "
                + old);
      }
      if (current.isEmpty()
          && old != null
          && Names.find(hooks, from.columns(), Column::name, old).isPresent()
          && Names.find(hooks, to.columns(), Column::name, old).isEmpty()) {
        Column before = Names.find(hooks, from.columns(), Column::name, old).get();
        matched.add(before.name());
        pairs.put(desired.name(), before);
        mine.add(new RenameColumn(before, desired));
        Set<ColumnChangeKind> kinds = columnChanges(before, desired);
        if (!kinds.isEmpty()) {
          mine.add(new ModifyColumn(before.withName(desired.name()), desired, kinds));
        }
        continue;
      }
      if (current.isEmpty()) {
        mine.add(new AddColumn(desired));
        continue;
      }
      matched.add(current.get().name());
      pairs.put(desired.name(), current.get());
      Set<ColumnChangeKind> kinds = columnChanges(current.get(), desired);
      if (!kinds.isEmpty()) {
        mine.add(new ModifyColumn(current.get(), desired, kinds));
      }
    }
    Set<String> moved = hooks.columnOrderMatters() ? moved(from, to, pairs, matched) : Set.of();
    for (Column desired : to.columns()) {
      List<TableChange> mine = byColumn.get(desired.name());
      if (moved.contains(desired.name())) {
        Column before = pairs.get(desired.name());
        int at = mine.size() - 1;
        if (at >= 0 && mine.get(at) instanceof ModifyColumn m) {
          Set<ColumnChangeKind> kinds = EnumSet.copyOf(m.kinds());
          kinds.add(ColumnChangeKind.POSITION);
          mine.set(at, new ModifyColumn(m.from(), m.to(), kinds));
        } else {
          mine.add(
              new ModifyColumn(
                  before.withName(desired.name()), desired, Set.of(ColumnChangeKind.POSITION)));
        }
      }
      rest.addAll(mine);
    }
    for (Column c : from.columns()) {
      if (!matched.contains(c.name())) {
        drops.add(new DropColumn(c));
      }
    }
  }

  /**
   * The desired names of the columns that move: columns kept on both sides (renamed ones included)
   * whose relative order differs. The largest set of kept columns already in the desired order (a
   * longest increasing subsequence of their current positions) stays put; every other kept column
   * moves. Added and dropped columns do not count as moves.
   */
  static Set<String> moved(Table from, Table to, Map<String, Column> pairs, Set<String> kept) {
    List<String> names = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Map<String, Integer> currentIndex = new HashMap<>();
    int n = 0;
    for (Column c : from.columns()) {
      if (kept.contains(c.name())) {
        currentIndex.put(c.name(), n++);
      }
    }
    for (Column c : to.columns()) {
      Column before = pairs.get(c.name());
      if (before != null) {
        names.add(c.name());
        positions.add(currentIndex.get(before.name()));
      }
    }
    int size = positions.size();
    int[] tails = new int[size];
    int[] prev = new int[size];
    int len = 0;
    for (int i = 0; i < size; i++) {
      int lo = 0;
      int hi = len;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (positions.get(tails[mid]) < positions.get(i)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      prev[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == len) {
        len++;
      }
    }
    Set<String> out = new LinkedHashSet<>(names);
    for (int i = len > 0 ? tails[len - 1] : -1; i >= 0; i = prev[i]) {
      out.remove(names.get(i));
    }
    return out;
  }

  /** The kinds of change between two versions of a column; empty when they are the same. */
  Set<ColumnChangeKind> columnChanges(Column a, Column b) {
    Set<ColumnChangeKind> kinds = EnumSet.noneOf(ColumnChangeKind.class);
    if (!hooks.sameType(a, b)) {
      kinds.add(ColumnChangeKind.TYPE);
    }
    if (a.nullable() != b.nullable()) {
      kinds.add(ColumnChangeKind.NULL);
    }
    if (!hooks.sameDefault(a.defaultExpr(), b.defaultExpr())) {
      kinds.add(ColumnChangeKind.DEFAULT);
    }
    if (a.autoIncrement() != b.autoIncrement()) {
      kinds.add(ColumnChangeKind.AUTO_INCREMENT);
    }
    if (!sameGenerated(a.generated(), b.generated())) {
      kinds.add(ColumnChangeKind.GENERATED);
    }
    if (!sameName(a.collation(), b.collation())) {
      kinds.add(ColumnChangeKind.COLLATION);
    }
    if (!Objects.equals(Differ.blankToNull(a.comment()), Differ.blankToNull(b.comment()))) {
      kinds.add(ColumnChangeKind.COMMENT);
    }
    if (!withoutHints(a.attrs()).equals(withoutHints(b.attrs()))) {
      kinds.add(ColumnChangeKind.ATTRS);
    }
    return kinds;
  }

  private boolean sameGenerated(Column.Generated a, Column.Generated b) {
    if (a == null || b == null) {
      return a == b;
    }
    return hooks.sameExpr(a.expr(), b.expr()) && sameName(a.kind(), b.kind());
  }

  private void diffIndexes(
      Table from, Table to, List<TableChange> drops, List<TableChange> rest, Renamed r) {
    Set<String> matched = new HashSet<>();
    Set<String> claimed = new HashSet<>(); // current indexes a desired one names or hints at
    for (Index desired : to.indexes()) {
      Names.find(hooks, from.indexes(), Index::name, desired.name())
          .ifPresent(i -> claimed.add(i.name()));
      String old = desired.attrs().get(Differ.RENAMED_FROM);
      if (old != null) {
        Names.find(hooks, from.indexes(), Index::name, old).ifPresent(i -> claimed.add(i.name()));
      }
    }
    for (Index desired : to.indexes()) {
      Optional<Index> current = Names.find(hooks, from.indexes(), Index::name, desired.name());
      String old = desired.attrs().get(Differ.RENAMED_FROM);
      if (old != null
          && !old.equalsIgnoreCase(desired.name())
          && Names.find(hooks, to.indexes(), Index::name, old).isPresent()) {
        throw new InputException(
            "cannot rename index "
                + old
                + " to "
                + desired.name()
                + " on table "
                + to.name()
                + ": the desired schema still has an index "
                + old);
      }
      if (current.isEmpty()
          && old != null
          && Names.find(hooks, from.indexes(), Index::name, old).isPresent()) {
        Index before = Names.find(hooks, from.indexes(), Index::name, old).get();
        matched.add(before.name());
        if (sameIndex(before, desired, r)) {
          rest.add(new RenameIndex(before, desired));
          partComment(before.attrs(), desired, desired.attrs(), rest);
        } else {
          drops.add(new DropIndex(before));
          rest.add(new AddIndex(desired));
        }
        continue;
      }
      if (current.isEmpty() && r.table()) {
        Optional<Index> same =
            from.indexes().stream()
                .filter(i -> !claimed.contains(i.name()) && !matched.contains(i.name()))
                .filter(i -> sameIndex(i, desired, r))
                .findFirst();
        if (same.isPresent()) {
          matched.add(same.get().name());
          rest.add(new RenameIndex(same.get(), desired));
          partComment(same.get().attrs(), desired, desired.attrs(), rest);
          continue;
        }
      }
      if (current.isEmpty()) {
        rest.add(new AddIndex(desired));
        continue;
      }
      matched.add(current.get().name());
      if (!sameIndex(current.get(), desired, r)) {
        drops.add(new DropIndex(current.get()));
        rest.add(new AddIndex(desired));
      } else {
        partComment(current.get().attrs(), desired, desired.attrs(), rest);
      }
    }
    for (Index i : from.indexes()) {
      if (!matched.contains(i.name())) {
        drops.add(new DropIndex(i));
      }
    }
  }

  /** Whether index {@code a} of the current table is {@code b}, seen through column renames. */
  private boolean sameIndex(Index a, Index b, Renamed r) {
    if (a.unique() != b.unique() || a.parts().size() != b.parts().size()) {
      return false;
    }
    for (int i = 0; i < a.parts().size(); i++) {
      if (!samePart(a.parts().get(i), b.parts().get(i), r)) {
        return false;
      }
    }
    return hooks.sameExpr(a.where(), b.where())
        && partAttrs(a.attrs()).equals(partAttrs(b.attrs()));
  }

  private boolean samePart(IndexPart a, IndexPart b, Renamed r) {
    return Objects.equals(r.column(a.column()), b.column())
        && hooks.sameExpr(a.expr(), b.expr())
        && a.desc() == b.desc()
        && a.attrs().equals(b.attrs());
  }

  private boolean samePrimaryKey(PrimaryKey a, PrimaryKey b, Renamed r) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.parts().size() != b.parts().size()) {
      return false;
    }
    for (int i = 0; i < a.parts().size(); i++) {
      if (!samePart(a.parts().get(i), b.parts().get(i), r)) {
        return false;
      }
    }
    return a.name() == null || b.name() == null || sameName(a.name(), b.name());
  }

  private void diffForeignKeys(
      Table from, Table to, List<TableChange> drops, List<TableChange> rest, Renamed r) {
    List<ForeignKey> unmatched = new ArrayList<>(from.foreignKeys());
    for (ForeignKey desired : to.foreignKeys()) {
      ForeignKey current =
          find(unmatched, desired, ForeignKey::name, (a, b) -> sameForeignKeyShape(a, b, r));
      if (current == null) {
        rest.add(new AddForeignKey(desired));
        continue;
      }
      unmatched.remove(current);
      if (!sameForeignKey(current, desired, r)) {
        drops.add(new DropForeignKey(current));
        rest.add(new AddForeignKey(desired));
      } else {
        partComment(current.attrs(), desired, desired.attrs(), rest);
      }
    }
    unmatched.forEach(fk -> drops.add(new DropForeignKey(fk)));
  }

  /** Whether foreign key {@code a} of the current table has the shape of {@code b}. */
  private boolean sameForeignKeyShape(ForeignKey a, ForeignKey b, Renamed r) {
    return r.columns(a.columns()).equals(b.columns())
        && a.refTable().equals(b.refTable())
        && r.refColumns(a.refTable(), a.refColumns()).equals(b.refColumns());
  }

  private boolean sameForeignKey(ForeignKey a, ForeignKey b, Renamed r) {
    return sameForeignKeyShape(a, b, r)
        && Objects.equals(action(a.onUpdate()), action(b.onUpdate()))
        && Objects.equals(action(a.onDelete()), action(b.onDelete()))
        && (a.refSchema() == null || b.refSchema() == null || a.refSchema().equals(b.refSchema()))
        && partAttrs(a.attrs()).equals(partAttrs(b.attrs()));
  }

  private static String action(String a) {
    if (a == null) {
      return null;
    }
    String n = a.trim().replace('_', ' ').toUpperCase(Locale.ROOT);
    return n.equals("NO ACTION") || n.isEmpty() ? null : n;
  }

  private void diffChecks(Table from, Table to, List<TableChange> drops, List<TableChange> rest) {
    List<Check> unmatched = new ArrayList<>(from.checks());
    for (Check desired : to.checks()) {
      Check current =
          find(unmatched, desired, Check::name, (a, b) -> hooks.sameExpr(a.expr(), b.expr()));
      if (current == null) {
        rest.add(new AddCheck(desired));
        continue;
      }
      unmatched.remove(current);
      if (!hooks.sameExpr(current.expr(), desired.expr())
          || !partAttrs(current.attrs()).equals(partAttrs(desired.attrs()))) {
        drops.add(new DropCheck(current));
        rest.add(new AddCheck(desired));
      } else {
        partComment(current.attrs(), desired, desired.attrs(), rest);
      }
    }
    unmatched.forEach(c -> drops.add(new DropCheck(c)));
  }

  /**
   * Finds the counterpart of {@code desired}: the candidate with the same name when both are named,
   * else the first candidate whose content matches.
   */
  private static <T> T find(
      List<T> candidates,
      T desired,
      java.util.function.Function<T, String> name,
      java.util.function.BiPredicate<T, T> sameContent) {
    String n = name.apply(desired);
    if (n != null && !n.isEmpty()) {
      for (T c : candidates) {
        if (n.equals(name.apply(c))) {
          return c;
        }
      }
    }
    for (T c : candidates) {
      String cn = name.apply(c);
      boolean bothNamed = n != null && !n.isEmpty() && cn != null && !cn.isEmpty();
      if (!bothNamed && sameContent.test(c, desired)) {
        return c;
      }
    }
    return null;
  }

  private boolean sameName(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return hooks.caseInsensitiveNames() ? a.equalsIgnoreCase(b) : a.equals(b);
  }

  /**
   * The attrs of an index, key or constraint that decide whether it is the same one: without hints,
   * and without its comment when the dialect changes comments in place.
   */
  private Attrs partAttrs(Attrs attrs) {
    Attrs a = withoutHints(attrs);
    return hooks.commentsInPlace() ? a.with(COMMENT, null) : a;
  }

  /** A {@code ModifyPartComment} when the matched part's comment changes in place. */
  private void partComment(Attrs current, Object desired, Attrs to, List<TableChange> rest) {
    if (!hooks.commentsInPlace()) {
      return;
    }
    String a = Differ.blankToNull(current.get(COMMENT));
    String b = Differ.blankToNull(to.get(COMMENT));
    if (!Objects.equals(a, b)) {
      rest.add(new TableChange.ModifyPartComment(desired, a, b));
    }
  }

  private static final String COMMENT = "comment";

  static Attrs withoutHints(Attrs attrs) {
    return attrs.get(Differ.RENAMED_FROM) == null ? attrs : attrs.with(Differ.RENAMED_FROM, null);
  }
}
