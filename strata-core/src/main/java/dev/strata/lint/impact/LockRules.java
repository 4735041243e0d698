package dev.strata.lint.impact;

import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.TableChange;
import dev.strata.lint.impact.Impact.Work;
import dev.strata.lint.rules.TypeShape;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The lock a statement takes and the work it does, per dialect, read from the statement's text
 * (upper-cased, string literals included; the patterns only look at keywords) and from the typed
 * table changes it carries. Rules are tried in order; the first that matches wins.
 */
interface LockRules {
  /** A lock and a kind of work. */
  record Effect(String lock, Work work) {}

  Effect effect(String sql, List<TableChange> parts);

  static LockRules forDialect(String dialect) {
    return switch (dialect.toLowerCase(Locale.ROOT)) {
      case "postgres" -> LockRules::postgres;
      case "mysql", "maria", "mariadb" -> LockRules::mysql;
      case "sqlite" -> LockRules::sqlite;
      default -> (sql, parts) -> new Effect("unknown", Work.NONE);
    };
  }

  Pattern VOLATILE =
      Pattern.compile(
          "\\b(RANDOM|GEN_RANDOM_UUID|UUID_GENERATE_V[14]|CLOCK_TIMESTAMP|TIMEOFDAY|NEXTVAL)\\s*\\(");

  private static Effect postgres(String raw, List<TableChange> parts) {
    String sql = raw.toUpperCase(Locale.ROOT);
    if (sql.matches("(?s)\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY.*")) {
      return new Effect("SHARE UPDATE EXCLUSIVE", Work.BUILD);
    } else if (sql.matches("(?s)\\s*CREATE\\s+(UNIQUE\\s+)?INDEX.*")) {
      return new Effect("SHARE", Work.BUILD);
    } else if (sql.matches("(?s)\\s*DROP\\s+INDEX\\s+CONCURRENTLY.*")) {
      return new Effect("SHARE UPDATE EXCLUSIVE", Work.NONE);
    } else if (!sql.matches("(?s)\\s*ALTER\\s+TABLE.*")) {
      return new Effect(
          sql.matches("(?s)\\s*(DROP|TRUNCATE).*") ? "ACCESS EXCLUSIVE" : "none on existing rows",
          Work.NONE);
    }
    if (typeRewrite(parts) || VOLATILE.matcher(sql).find() && sql.contains("ADD COLUMN")) {
      return new Effect("ACCESS EXCLUSIVE", Work.REWRITE);
    } else if (sql.contains("VALIDATE CONSTRAINT")) {
      return new Effect("SHARE UPDATE EXCLUSIVE", Work.SCAN);
    } else if (sql.contains("FOREIGN KEY") && !sql.contains("NOT VALID")) {
      return new Effect("SHARE ROW EXCLUSIVE", Work.SCAN);
    } else if ((sql.contains("CHECK") && !sql.contains("NOT VALID"))
        || sql.contains("SET NOT NULL")) {
      return new Effect("ACCESS EXCLUSIVE", Work.SCAN);
    } else if (sql.matches("(?s).*ADD\\s+(CONSTRAINT\\s+\\S+\\s+)?(PRIMARY\\s+KEY|UNIQUE).*")
        && !sql.contains("USING INDEX")) {
      return new Effect("ACCESS EXCLUSIVE", Work.BUILD);
    }
    return new Effect("ACCESS EXCLUSIVE", Work.NONE);
  }

  private static Effect mysql(String raw, List<TableChange> parts) {
    String sql = raw.toUpperCase(Locale.ROOT);
    boolean copy =
        parts.stream()
            .anyMatch(
                p ->
                    p instanceof TableChange.ModifyPrimaryKey
                        || p instanceof TableChange.ModifyColumn mc
                            && (typeRewrite(List.of(mc))
                                || mc.kinds().contains(ColumnChangeKind.NULL)));
    boolean moves =
        parts.stream()
            .anyMatch(
                p ->
                    p instanceof TableChange.ModifyColumn mc
                        && mc.kinds().contains(ColumnChangeKind.POSITION));
    if (copy || sql.contains("ALGORITHM=COPY")) {
      return new Effect("SHARED (ALGORITHM=COPY, writes blocked)", Work.REWRITE);
    } else if (moves && !sql.contains("ALGORITHM=INSTANT")) {
      return new Effect("NONE (INPLACE rebuild, metadata lock at the ends)", Work.REWRITE);
    } else if (sql.matches("(?s)\\s*CREATE\\s+(UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX.*")
        || sql.matches("(?s).*\\bADD\\s+(UNIQUE\\s+|FULLTEXT\\s+)?(INDEX|KEY)\\b.*")) {
      return new Effect("NONE (INPLACE, metadata lock at the ends)", Work.BUILD);
    } else if (sql.contains("FOREIGN KEY")) {
      return new Effect("SHARED (INPLACE with foreign_key_checks on)", Work.SCAN);
    }
    return new Effect("metadata lock", Work.NONE);
  }

  private static Effect sqlite(String raw, List<TableChange> parts) {
    String sql = raw.toUpperCase(Locale.ROOT);
    if (sql.matches("(?s)\\s*INSERT\\s+INTO.*\\bSELECT\\b.*")) {
      return new Effect("database write lock", Work.REWRITE);
    } else if (sql.matches("(?s)\\s*CREATE\\s+(UNIQUE\\s+)?INDEX.*")) {
      return new Effect("database write lock", Work.BUILD);
    }
    return new Effect("database write lock", Work.NONE);
  }

  /** Whether a type change among the parts rewrites the table (anything but widening a string). */
  private static boolean typeRewrite(List<TableChange> parts) {
    for (TableChange p : parts) {
      if (p instanceof TableChange.ModifyColumn mc && mc.kinds().contains(ColumnChangeKind.TYPE)) {
        TypeShape from = TypeShape.parse(mc.from().type());
        TypeShape to = TypeShape.parse(mc.to().type());
        if (!(from.family() == TypeShape.Family.STRING && to.holdsAll(from))) {
          return true;
        }
      }
    }
    return false;
  }
}
