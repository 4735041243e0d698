package dev.strata.lint;

/**
 * The family of a lint {@link Code}; allowances and the project file's {@code lint} blocks name
 * these.
 */
public enum Category {
  /** Loses data or objects: drops. */
  DESTRUCTIVE("destructive"),
  /** Fails or loses data depending on the rows in the database. */
  DATA_DEPENDENT("data_dependent"),
  /** Breaks clients that still use the old names. */
  BACKWARD_INCOMPATIBLE("incompatible"),
  /** Takes a strong lock, scans, rewrites or copies a table. */
  LOCKING("locking"),
  /** An object name does not match the project's naming rules. */
  NAMING("naming"),
  /** A drop-and-add pair that is probably a rename. */
  RENAME("rename");

  private final String key;

  Category(String key) {
    this.key = key;
  }

  /** The name used in the project file and in allowances ("data_dependent"). */
  public String key() {
    return key;
  }

  /**
   * The category with the given key or enum name, case-insensitively, a hyphen standing for an
   * underscore ({@code data-dependent}); null when none.
   */
  public static Category byKey(String key) {
    String k = key == null ? "" : key.replace('-', '_');
    for (Category c : values()) {
      if (c.key.equalsIgnoreCase(k) || c.name().equalsIgnoreCase(k)) {
        return c;
      }
    }
    return null;
  }
}
