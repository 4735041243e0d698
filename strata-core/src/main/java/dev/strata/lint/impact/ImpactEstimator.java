package dev.strata.lint.impact;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.lint.StatementLocator;
import dev.strata.lint.impact.Impact.Duration;
import dev.strata.lint.impact.Impact.Work;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates each statement's impact. The touched table is the first identifier of the statement
 * that names a table of the current schema ({@code ALTER TABLE users}, {@code CREATE INDEX i ON
 * users}, a rebuild's {@code INSERT INTO new_users ... FROM users}); its size comes from {@link
 * TableStats}. The lock and the work are read from the statement by the dialect's {@link
 * LockRules}, with the typed changes located in the statement deciding whether a type change
 * rewrites. The duration class assumes rough rates per work kind (rows per second: scan 1,000,000,
 * index build 300,000, rewrite 100,000) and is UNKNOWN when the size is.
 */
public final class ImpactEstimator {
  private static final double SCAN_RATE = 1_000_000;
  private static final double BUILD_RATE = 300_000;
  private static final double REWRITE_RATE = 100_000;

  private final String dialect;
  private final TableStats stats;

  public ImpactEstimator(String dialect, TableStats stats) {
    this.dialect = dialect;
    this.stats = stats == null ? TableStats.NONE : stats;
  }

  /** One impact per statement, in plan order. */
  public List<Impact> estimate(Plan plan, Realm from) {
    Map<String, String[]> tables = new HashMap<>();
    for (Schema s : from.schemas()) {
      for (Table t : s.tables()) {
        tables.putIfAbsent(
            t.name().toLowerCase(Locale.ROOT), new String[] {s.name(), t.name(), t.name()});
      }
    }
    // statements after a rename name the table by its new name: same rows, statistics of the old
    for (dev.strata.change.SchemaChange c : plan.changes()) {
      if (c instanceof dev.strata.change.SchemaChange.RenameTable r) {
        tables.putIfAbsent(
            r.to().name().toLowerCase(Locale.ROOT),
            new String[] {r.schema(), r.from().name(), r.to().name()});
      }
    }
    Map<Integer, List<TableChange>> parts = partsByStatement(plan);
    List<Impact> out = new ArrayList<>();
    List<Statement> statements = plan.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement st = statements.get(i);
      String[] table = null;
      for (String id : StatementLocator.identifiers(st.sql())) {
        table = tables.get(id);
        if (table != null) {
          break;
        }
      }
      LockRules.Effect effect =
          LockRules.forDialect(dialect).effect(st.sql(), parts.getOrDefault(i, List.of()));
      Optional<TableStat> stat = table == null ? Optional.empty() : stats.stat(table[0], table[1]);
      Long rows = stat.map(TableStat::rows).filter(r -> r >= 0).orElse(null);
      Long bytes = stat.map(TableStat::bytes).filter(b -> b >= 0).orElse(null);
      if (table == null && effect.work() != Work.NONE) {
        rows = 0L; // a table created by this plan
      }
      out.add(
          new Impact(
              i,
              table == null ? null : table[2],
              rows,
              bytes,
              effect.lock(),
              effect.work(),
              duration(effect.work(), rows)));
    }
    return out;
  }

  /** The table-level changes each statement carries, by the statement locator. */
  private static Map<Integer, List<TableChange>> partsByStatement(Plan plan) {
    StatementLocator locator = new StatementLocator(plan.statements());
    Map<Integer, List<TableChange>> out = new HashMap<>();
    for (SchemaChange c : plan.changes()) {
      if (c instanceof SchemaChange.ModifyTable m) {
        for (TableChange p : m.changes()) {
          Integer at = locator.locate(m, p);
          if (at != null) {
            out.computeIfAbsent(at, k -> new ArrayList<>()).add(p);
          }
        }
      }
    }
    return out;
  }

  /** The duration class of {@code work} over {@code rows} rows. */
  static Duration duration(Work work, Long rows) {
    if (work == Work.NONE) {
      return Duration.INSTANT;
    }
    if (rows == null) {
      return Duration.UNKNOWN;
    }
    double rate =
        switch (work) {
          case SCAN -> SCAN_RATE;
          case BUILD -> BUILD_RATE;
          default -> REWRITE_RATE;
        };
    double seconds = rows / rate;
    if (seconds < 1) {
      return Duration.INSTANT;
    } else if (seconds < 60) {
      return Duration.SECONDS;
    } else if (seconds < 3600) {
      return Duration.MINUTES;
    }
    return Duration.HOURS;
  }
}
