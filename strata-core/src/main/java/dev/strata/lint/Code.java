package dev.strata.lint;

/**
 * The stable lint codes. A code never changes meaning once released; each has a section in {@code
 * docs/lint.md} (what it finds, why it matters, how to fix it) anchored by its lower-case name.
 */
public enum Code {
  DS101(Category.DESTRUCTIVE, Severity.ERROR, "schema dropped"),
  DS102(Category.DESTRUCTIVE, Severity.ERROR, "table dropped"),
  DS103(Category.DESTRUCTIVE, Severity.ERROR, "column dropped"),
  DS104(Category.DESTRUCTIVE, Severity.WARNING, "view dropped"),
  DS105(Category.DESTRUCTIVE, Severity.WARNING, "routine, sequence, type or extension dropped"),
  DS106(Category.DESTRUCTIVE, Severity.ERROR, "enum value removed"),
  DD101(Category.DATA_DEPENDENT, Severity.ERROR, "NOT NULL column added without default"),
  DD102(Category.DATA_DEPENDENT, Severity.ERROR, "NOT NULL set on a column with NULLs"),
  DD103(Category.DATA_DEPENDENT, Severity.ERROR, "unique key on duplicate values"),
  DD104(Category.DATA_DEPENDENT, Severity.ERROR, "type narrowed below existing values"),
  DD105(Category.DATA_DEPENDENT, Severity.ERROR, "enum value removed while rows use it"),
  BC101(Category.BACKWARD_INCOMPATIBLE, Severity.WARNING, "table renamed"),
  BC102(Category.BACKWARD_INCOMPATIBLE, Severity.WARNING, "column renamed"),
  LK101(Category.LOCKING, Severity.WARNING, "index built without CONCURRENTLY"),
  LK102(Category.LOCKING, Severity.WARNING, "column type change rewrites the table"),
  LK103(Category.LOCKING, Severity.WARNING, "column added with a volatile default"),
  LK104(Category.LOCKING, Severity.WARNING, "SET NOT NULL scans the table"),
  LK105(Category.LOCKING, Severity.WARNING, "foreign key validated while locked"),
  LK106(Category.LOCKING, Severity.WARNING, "check constraint validated while locked"),
  LK107(Category.LOCKING, Severity.WARNING, "MySQL copies the table"),
  LK108(Category.LOCKING, Severity.INFO, "SQLite rebuilds the table"),
  NM101(Category.NAMING, Severity.WARNING, "name does not match the naming rule"),
  RN101(Category.RENAME, Severity.WARNING, "table dropped and added: probable rename"),
  RN102(Category.RENAME, Severity.WARNING, "column dropped and added: probable rename");

  private final Category category;
  private final Severity severity;
  private final String title;

  Code(Category category, Severity severity, String title) {
    this.category = category;
    this.severity = severity;
    this.title = title;
  }

  public Category category() {
    return category;
  }

  /** The severity a finding of this code has unless its analyzer says otherwise. */
  public Severity severity() {
    return severity;
  }

  /** A few words for listings ("table dropped"). */
  public String title() {
    return title;
  }

  /** The code with this name, case-insensitively; null when unknown. */
  public static Code byName(String name) {
    for (Code c : values()) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    return null;
  }
}
