package dev.strata.dialect.postgres;

import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's statements grouped by phase. The phases are the dependency order of a PostgreSQL
 * migration: what depends on an object is dropped before it and created after it.
 */
final class PostgresSteps {
  /** Phases in execution order. */
  enum Phase {
    /**
     * {@code ALTER TYPE ... ADD VALUE} on existing enums: first, each on its own outside the
     * transaction, so that nothing else is committed early and a later failure rolls back the whole
     * rest of the plan (an added enum value is harmless and cannot be removed anyway).
     */
    ENUM_VALUES,
    DROP_POLICIES,
    DROP_TRIGGERS,
    DROP_VIEWS,
    RENAME_TABLES,
    DROP_FOREIGN_KEYS,
    DROP_CONSTRAINTS,
    DROP_TABLES,
    SCHEMAS,
    EXTENSIONS,
    TYPES,
    SEQUENCES,
    EARLY_ROUTINES,
    TABLES,
    ALTER_TABLES,
    FOREIGN_KEYS,
    VIEWS_AND_ROUTINES,
    TRIGGERS,
    POLICIES,
    DROP_ROUTINES,
    DROP_SEQUENCES,
    DROP_TYPES,
    DROP_EXTENSIONS,
    DROP_SCHEMAS,
    /** {@code DROP INDEX CONCURRENTLY}: after the transactional part has committed. */
    CONCURRENT_DROP_INDEXES,
    /** {@code CREATE INDEX CONCURRENTLY}: last, each on its own outside any transaction. */
    CONCURRENT_INDEXES
  }

  private final Map<Phase, List<Statement>> steps = new EnumMap<>(Phase.class);

  void add(Phase phase, String sql, String reverse, String comment) {
    steps.computeIfAbsent(phase, p -> new ArrayList<>()).add(new Statement(sql, reverse, comment));
  }

  /** A statement that must run outside the plan's transaction. */
  void addOutside(Phase phase, String sql, String reverse, String comment) {
    steps
        .computeIfAbsent(phase, p -> new ArrayList<>())
        .add(new Statement(sql, reverse, comment, true));
  }

  List<Statement> all() {
    List<Statement> out = new ArrayList<>();
    for (Phase p : Phase.values()) {
      out.addAll(steps.getOrDefault(p, List.of()));
    }
    return out;
  }
}
