package dev.strata.hcl;

/** PLACEHOLDER signature, replaced by the real parser. */
public final class HclParser {
  private HclParser() {}

  /** Parses HCL native syntax; throws InputException "file:line:col: message" on bad input. */
  public static Ast.Body parse(String source, String fileName) {
    throw new UnsupportedOperationException("not written yet");
  }
}
