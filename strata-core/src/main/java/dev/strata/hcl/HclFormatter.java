package dev.strata.hcl;

/** Canonical formatter (being written). */
public final class HclFormatter {
  private HclFormatter() {}

  /** Formats HCL source. */
  public static String format(String source, String fileName) {
    HclParser.parse(source, fileName);
    return source;
  }
}
