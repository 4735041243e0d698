package dev.strata.dialect.postgres;

/**
 * The {@link dev.strata.model.Attrs} keys the PostgreSQL dialect reads and writes. Flags hold
 * {@code "true"}; other values are SQL fragments as PostgreSQL renders them.
 */
public final class PostgresAttrs {
  /** Table: {@code CREATE UNLOGGED TABLE}. */
  public static final String UNLOGGED = "unlogged";

  /** Table: row level security enabled. */
  public static final String RLS = "rls";

  /** Table: row level security forced for the owner too. */
  public static final String RLS_FORCE = "rls_force";

  /** Partitioned table: the partition key, e.g. {@code RANGE (created_at)}. */
  public static final String PARTITION_BY = "partition_by";

  /** Partition: the parent table, {@code schema.name}. */
  public static final String PARTITION_OF = "partition_of";

  /** Partition: the bound, e.g. {@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}. */
  public static final String PARTITION_BOUND = "partition_bound";

  /** Table, index or view: storage parameters, e.g. {@code fillfactor=70}. */
  public static final String WITH = "with";

  /** Column: {@code ALWAYS} or {@code BY DEFAULT} for identity columns. */
  public static final String IDENTITY = "identity";

  /** Column: identity sequence start when not the default (MINVALUE, or MAXVALUE descending). */
  public static final String IDENTITY_START = "identity_start";

  /** Column: identity sequence increment when not 1. */
  public static final String IDENTITY_INCREMENT = "identity_increment";

  /** Column: identity sequence MINVALUE when not the default. */
  public static final String IDENTITY_MIN = "identity_min";

  /** Column: identity sequence MAXVALUE when not the default. */
  public static final String IDENTITY_MAX = "identity_max";

  /** Index: a UNIQUE constraint rather than a unique index. */
  public static final String CONSTRAINT = "constraint";

  /** Index: {@code NULLS NOT DISTINCT}. */
  public static final String NULLS_NOT_DISTINCT = "nulls_not_distinct";

  /** Index: non-key {@code INCLUDE} columns, comma separated. */
  public static final String INCLUDE = "include";

  /**
   * Index: {@code pg_index.indisvalid} is false, e.g. left behind by a failed {@code CREATE INDEX
   * CONCURRENTLY}. Desired schemas never carry it, so the Differ drops and rebuilds such an index.
   */
  public static final String INVALID = "invalid";

  /** Index: the access method when not btree. */
  public static final String METHOD = "method";

  /** Index part: the operator class when not the default one. */
  public static final String OPCLASS = "opclass";

  /** Index part: the collation when not the column's. */
  public static final String COLLATE = "collate";

  /** Index part: {@code NULLS FIRST} on an ascending part. */
  public static final String NULLS_FIRST = "nulls_first";

  /** Index part: {@code NULLS LAST} on a descending part. */
  public static final String NULLS_LAST = "nulls_last";

  /** Constraint: {@code INITIALLY DEFERRED} or {@code INITIALLY IMMEDIATE} when deferrable. */
  public static final String DEFERRABLE = "deferrable";

  /** Constraint: {@code NOT VALID}. */
  public static final String NOT_VALID = "not_valid";

  /** Check: {@code NO INHERIT}. */
  public static final String NO_INHERIT = "no_inherit";

  /** Check: an exclusion constraint; the check's expression is its whole definition. */
  public static final String EXCLUSION = "exclusion";

  /** View: a materialized view. */
  public static final String MATERIALIZED = "materialized";

  /**
   * Materialized view: its indexes, each the {@code CREATE INDEX} statement PostgreSQL renders
   * ({@code pg_get_indexdef}), ordered by index name and separated by {@code ";\n"}.
   */
  public static final String VIEW_INDEXES = "indexes";

  /** Trigger: {@code D} when disabled, {@code R}/{@code A} for replica/always. */
  public static final String ENABLED = "enabled";

  /** Routine, type, sequence, extension: the object's comment. */
  public static final String COMMENT = "comment";

  /**
   * Schema: an object of the schema that {@code --exclude} left out of the inspection ({@code
   * schema.name}); such a schema is never dropped, since {@code DROP SCHEMA ... CASCADE} would drop
   * the excluded objects too.
   */
  public static final String HOLDS_EXCLUDED = "holds_excluded";

  private PostgresAttrs() {}
}
