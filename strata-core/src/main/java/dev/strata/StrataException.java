package dev.strata;

/**
 * The root of every error Strata reports to a user. The message is what the user reads; {@link
 * #exitCode()} is the process exit code (1 failure or blocked by policy, 2 bad usage or input).
 */
public class StrataException extends RuntimeException {
  private final int exitCode;

  public StrataException(String message) {
    this(message, 1, null);
  }

  public StrataException(String message, Throwable cause) {
    this(message, 1, cause);
  }

  protected StrataException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
