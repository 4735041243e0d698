package dev.strata;

import dev.strata.hcl.Pos;

/**
 * Bad user input: a syntax or decoding error in a file, a bad URL or flag. The message starts with
 * {@code file:line:column: } when a position is known. Exit code 2.
 */
public class InputException extends StrataException {
  private final transient Pos pos;

  public InputException(Pos pos, String message) {
    super(pos == null ? message : pos + ": " + message, 2, null);
    this.pos = pos;
  }

  public InputException(String message) {
    this(null, message);
  }

  public InputException(String message, Throwable cause) {
    super(message, 2, cause);
    this.pos = null;
  }

  public Pos pos() {
    return pos;
  }
}
