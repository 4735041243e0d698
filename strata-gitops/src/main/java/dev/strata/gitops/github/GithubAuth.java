package dev.strata.gitops.github;

/**
 * How {@link GithubClient} authenticates: a bearer token per request. A personal access token or an
 * Actions {@code GITHUB_TOKEN} is a {@link Token}; a GitHub App installation gets short-lived
 * tokens from {@link GithubApp#installation(long)}.
 */
public interface GithubAuth {

  /** The bearer token for the next request (fetched or refreshed when needed). */
  Secret token();

  /** True for a GitHub App installation, which may create check runs. */
  default boolean isApp() {
    return false;
  }

  /** A fixed token: a personal access token, an Actions token or an installation token. */
  record Token(Secret secret) implements GithubAuth {
    @Override
    public Secret token() {
      return secret;
    }
  }
}
