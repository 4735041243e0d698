package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.model.ForeignKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Foreign keys that depend on a primary key being replaced. PostgreSQL refuses to drop a primary
 * key that a foreign key uses, so every current foreign key into a table whose primary key changes
 * is dropped first and, when the desired schema still has it, added back after the new key exists —
 * unless the diff already drops or re-adds that foreign key itself.
 */
final class PostgresKeyDependents {
  private final PostgresSteps steps;
  private final Realm from;
  private final Realm to;

  PostgresKeyDependents(PostgresSteps steps, Realm from, Realm to) {
    this.steps = steps;
    this.from = from;
    this.to = to;
  }

  void plan(java.util.List<SchemaChange> changes) {
    Set<String> rekeyed = new HashSet<>();
    Set<String> handled = new HashSet<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.ModifyTable m) {
        for (TableChange tc : m.changes()) {
          if (tc instanceof TableChange.ModifyPrimaryKey pk && pk.from() != null) {
            rekeyed.add(m.schema() + "." + m.from().name());
          } else if (tc instanceof TableChange.DropForeignKey d) {
            handled.add(m.schema() + "." + m.from().name() + "." + d.foreignKey().name());
          }
        }
      }
    }
    if (rekeyed.isEmpty()) {
      return;
    }
    for (Schema s : from.schemas()) {
      for (Table t : s.tables()) {
        for (ForeignKey fk : t.foreignKeys()) {
          String ref = (fk.refSchema() == null ? s.name() : fk.refSchema()) + "." + fk.refTable();
          if (!rekeyed.contains(ref)
              || handled.contains(s.name() + "." + t.name() + "." + fk.name())) {
            continue;
          }
          String alter = "ALTER TABLE " + qualified(s.name(), t.name()) + " ";
          steps.add(
              Phase.DROP_FOREIGN_KEYS,
              alter + "DROP CONSTRAINT " + ident(fk.name()),
              alter + "ADD " + PostgresTableSql.foreignKey(s.name(), fk),
              "drop foreign key " + fk.name() + " while the key it uses changes");
          Optional<ForeignKey> keep =
              to.schema(s.name())
                  .flatMap(x -> x.table(t.name()))
                  .flatMap(
                      x ->
                          x.foreignKeys().stream()
                              .filter(f -> f.name().equals(fk.name()))
                              .findFirst());
          keep.ifPresent(
              k ->
                  steps.add(
                      Phase.FOREIGN_KEYS,
                      alter + "ADD " + PostgresTableSql.foreignKey(s.name(), k),
                      alter + "DROP CONSTRAINT " + ident(k.name()),
                      "re-add foreign key " + k.name()));
        }
      }
    }
  }
}
