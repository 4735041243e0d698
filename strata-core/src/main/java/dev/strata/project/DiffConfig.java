package dev.strata.project;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code diff { ... }} block: kinds of changes to leave out of plans ({@code skip { drop_table
 * = true }}) and whether PostgreSQL indexes are created and dropped concurrently ({@code
 * concurrent_index { create = true drop = true }}). {@code column_position} is not a change but a
 * part of one: it keeps column moves out of {@code modify_column} changes (MySQL), so columns stay
 * where they are.
 */
public record DiffConfig(Set<String> skip, boolean concurrentCreate, boolean concurrentDrop) {
  /** The change kinds {@code skip} accepts. */
  public static final Set<String> SKIP_KINDS =
      Set.of(
          "add_schema",
          "drop_schema",
          "add_table",
          "drop_table",
          "rename_table",
          "modify_table",
          "add_column",
          "drop_column",
          "modify_column",
          "rename_column",
          "add_index",
          "drop_index",
          "add_foreign_key",
          "drop_foreign_key",
          "add_check",
          "drop_check",
          "add_view",
          "drop_view",
          "modify_view",
          "add_trigger",
          "drop_trigger",
          "modify_trigger",
          "add_object",
          "drop_object",
          "modify_object",
          "rename_index",
          "modify_primary_key",
          "rename_primary_key",
          "modify_comment",
          "modify_attrs",
          "column_position");

  public static final DiffConfig DEFAULT = new DiffConfig(Set.of(), false, false);

  public DiffConfig {
    skip = Set.copyOf(skip);
  }

  /** The same config with concurrent index creation and drop switched on (CLI flag). */
  public DiffConfig withConcurrentIndexes() {
    return new DiffConfig(skip, true, true);
  }

  /** The planner options this config asks for. */
  public dev.strata.dialect.PlanOptions planOptions() {
    return new dev.strata.dialect.PlanOptions(concurrentCreate, concurrentDrop);
  }

  /** The changes without the skipped kinds; a modified table left without parts goes too. */
  public List<SchemaChange> filter(List<SchemaChange> changes) {
    if (skip.isEmpty()) {
      return changes;
    }
    List<SchemaChange> out = new ArrayList<>();
    for (SchemaChange c : changes) {
      if (skip.contains(kind(c))) {
        continue;
      }
      if (c instanceof SchemaChange.ModifyTable m) {
        List<TableChange> parts =
            m.changes().stream()
                .filter(p -> !skip.contains(kind(p)))
                .map(this::withoutPosition)
                .filter(java.util.Objects::nonNull)
                .toList();
        if (!parts.isEmpty()) {
          out.add(new SchemaChange.ModifyTable(m.schema(), m.from(), m.to(), parts));
        }
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** A column change without its move when moves are skipped; null when nothing is left. */
  private TableChange withoutPosition(TableChange p) {
    if (!skip.contains("column_position")
        || !(p instanceof TableChange.ModifyColumn m)
        || !m.kinds().contains(SchemaChange.ColumnChangeKind.POSITION)) {
      return p;
    }
    Set<SchemaChange.ColumnChangeKind> kinds = new java.util.HashSet<>(m.kinds());
    kinds.remove(SchemaChange.ColumnChangeKind.POSITION);
    return kinds.isEmpty() ? null : new TableChange.ModifyColumn(m.from(), m.to(), kinds);
  }

  /** The skip key of a change: its record name in snake case ("drop_table"). */
  static String kind(Object change) {
    String n = change.getClass().getSimpleName();
    return n.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
