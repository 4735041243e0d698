package dev.strata.change;

import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.PrimaryKey;
import java.util.Set;

/** One change inside a table, carried by {@link SchemaChange.ModifyTable}. */
public sealed interface TableChange {
  record AddColumn(Column column) implements TableChange {}

  record DropColumn(Column column) implements TableChange {}

  record RenameColumn(Column from, Column to) implements TableChange {}

  record ModifyColumn(Column from, Column to, Set<ColumnChangeKind> kinds) implements TableChange {
    public ModifyColumn {
      kinds = Set.copyOf(kinds);
    }
  }

  record AddIndex(Index index) implements TableChange {}

  record DropIndex(Index index) implements TableChange {}

  record RenameIndex(Index from, Index to) implements TableChange {}

  /** {@code from} or {@code to} may be null (adding or dropping the key). */
  record ModifyPrimaryKey(PrimaryKey from, PrimaryKey to) implements TableChange {}

  /**
   * The primary key keeps its columns under another name: PostgreSQL keeps {@code users_pkey} when
   * {@code users} is renamed to {@code people}, while the desired schema calls it {@code
   * people_pkey}. Renaming the constraint keeps the index and the foreign keys that depend on it.
   */
  record RenamePrimaryKey(PrimaryKey from, PrimaryKey to) implements TableChange {}

  record AddForeignKey(ForeignKey foreignKey) implements TableChange {}

  record DropForeignKey(ForeignKey foreignKey) implements TableChange {}

  record AddCheck(Check check) implements TableChange {}

  record DropCheck(Check check) implements TableChange {}

  record ModifyComment(String from, String to) implements TableChange {}

  /**
   * Only the comment of an index, key or constraint changed, in a dialect that comments them in
   * place ({@link dev.strata.dialect.DiffHooks#commentsInPlace}). {@code part} is the desired
   * {@link Index}, {@link PrimaryKey}, {@link ForeignKey} or {@link Check} (under its new name when
   * it was renamed); either comment may be null.
   */
  record ModifyPartComment(Object part, String from, String to) implements TableChange {}

  record ModifyAttrs(Attrs from, Attrs to) implements TableChange {}
}
