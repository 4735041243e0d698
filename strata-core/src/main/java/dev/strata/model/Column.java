package dev.strata.model;

/**
 * A column. {@code type} is the SQL type text as the dialect spells it ("integer", "varchar(255)");
 * {@code defaultExpr} is a SQL expression or null; {@code generated} is null unless the column is
 * computed.
 */
public record Column(
    String name,
    String type,
    boolean nullable,
    String defaultExpr,
    boolean autoIncrement,
    Generated generated,
    String collation,
    String comment,
    Attrs attrs) {
  public Column {
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }

  public Column(String name, String type, boolean nullable) {
    this(name, type, nullable, null, false, null, null, null, Attrs.EMPTY);
  }

  public Column withName(String n) {
    return new Column(
        n, type, nullable, defaultExpr, autoIncrement, generated, collation, comment, attrs);
  }

  public Column withDefault(String d) {
    return new Column(name, type, nullable, d, autoIncrement, generated, collation, comment, attrs);
  }

  /** A generated (computed) column: {@code AS (expr) STORED|VIRTUAL}. */
  public record Generated(String expr, String kind) {}
}
