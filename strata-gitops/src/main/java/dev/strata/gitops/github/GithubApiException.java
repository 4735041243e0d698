package dev.strata.gitops.github;

import dev.strata.StrataException;

/**
 * A GitHub REST call that failed: the HTTP status (0 when no response arrived), the method and
 * path, and GitHub's message. Built without request headers, so it never contains a token.
 */
public final class GithubApiException extends StrataException {
  private final int status;

  public GithubApiException(int status, String method, String path, String message) {
    super(
        "github: "
            + method
            + " "
            + path
            + (status > 0 ? " failed with HTTP " + status : " failed")
            + (message == null || message.isBlank() ? "" : ": " + message));
    this.status = status;
  }

  public GithubApiException(String method, String path, Throwable cause) {
    super("github: " + method + " " + path + " failed: " + cause.getMessage(), cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 when the request did not get a response. */
  public int status() {
    return status;
  }
}
