package dev.strata.hcl;

/** A source position: file name (as given by the caller), 1-based line and column. */
public record Pos(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
