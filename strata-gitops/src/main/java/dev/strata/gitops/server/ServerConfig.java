package dev.strata.gitops.server;

import dev.strata.InputException;
import dev.strata.gitops.github.GithubApp;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.github.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Settings of {@code strata server}. Secrets come from the environment only: {@code
 * STRATA_WEBHOOK_SECRET}, and either {@code STRATA_GITHUB_APP_ID} with {@code
 * STRATA_GITHUB_APP_PRIVATE_KEY} (PEM text) or {@code STRATA_GITHUB_APP_PRIVATE_KEY_FILE}, or a
 * token in {@code STRATA_GITHUB_TOKEN} / {@code GITHUB_TOKEN}. {@code STRATA_GITHUB_API_URL} points
 * at GitHub Enterprise; {@code STRATA_STORE_URL} at the store (default {@code
 * sqlite://.strata/server.db}); {@code STRATA_WORKERS} bounds how many pull requests are worked on
 * at once (default 4) and {@code STRATA_LEASE_SECONDS} is how long a claimed event stays with its
 * process without a renewal (default 120; a crashed process's events are taken over after it).
 * {@code STRATA_COMMAND_PERMISSIONS} raises the permission comment commands need (see {@link
 * CommandPolicy#parse}). {@link #toString()} masks the secret.
 */
public record ServerConfig(
    InetSocketAddress address,
    Secret webhookSecret,
    String storeUrl,
    URI githubApi,
    int parallelism,
    Duration lease,
    Duration poll,
    int maxBodyBytes,
    CommandPolicy policy,
    String workerId) {

  /** Defaults for everything but the listen address, secret and store. */
  public static ServerConfig of(InetSocketAddress address, Secret secret, String storeUrl) {
    return new ServerConfig(
        address,
        secret,
        storeUrl,
        GithubClient.PUBLIC_API,
        4,
        Duration.ofMinutes(2),
        Duration.ofSeconds(2),
        WebhookVerifier.DEFAULT_MAX_BODY_BYTES,
        CommandPolicy.DEFAULT,
        defaultWorkerId());
  }

  /** The configuration from the environment, listening on {@code host:port}. */
  public static ServerConfig fromEnv(Map<String, String> env, String host, int port) {
    String secret = env.get("STRATA_WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new InputException("STRATA_WEBHOOK_SECRET is not set (the GitHub webhook secret)");
    }
    String store = env.getOrDefault("STRATA_STORE_URL", "sqlite://.strata/server.db");
    ServerConfig c = of(new InetSocketAddress(host, port), Secret.of(secret), store);
    String api = env.get("STRATA_GITHUB_API_URL");
    if (api != null && !api.isBlank()) {
      c = c.withGithubApi(URI.create(api));
    }
    int workers = positive(env, "STRATA_WORKERS", c.parallelism());
    int lease = positive(env, "STRATA_LEASE_SECONDS", (int) c.lease().toSeconds());
    CommandPolicy policy = CommandPolicy.parse(env.get("STRATA_COMMAND_PERMISSIONS"));
    return c.withWorkers(c.workerId(), workers, Duration.ofSeconds(lease), c.poll())
        .withLimits(c.maxBodyBytes(), policy);
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(name + " must be a positive whole number, not '" + v + "'");
  }

  public ServerConfig withGithubApi(URI api) {
    return new ServerConfig(
        address,
        webhookSecret,
        storeUrl,
        api,
        parallelism,
        lease,
        poll,
        maxBodyBytes,
        policy,
        workerId);
  }

  public ServerConfig withWorkers(String id, int parallelism, Duration lease, Duration poll) {
    return new ServerConfig(
        address,
        webhookSecret,
        storeUrl,
        githubApi,
        parallelism,
        lease,
        poll,
        maxBodyBytes,
        policy,
        id);
  }

  public ServerConfig withLimits(int maxBodyBytes, CommandPolicy policy) {
    return new ServerConfig(
        address,
        webhookSecret,
        storeUrl,
        githubApi,
        parallelism,
        lease,
        poll,
        maxBodyBytes,
        policy,
        workerId);
  }

  /** GitHub clients from the environment: an App when an App id is set, else a token. */
  public GithubClients githubClients(Map<String, String> env) {
    String appId = env.get("STRATA_GITHUB_APP_ID");
    if (appId != null && !appId.isBlank()) {
      String pem = env.get("STRATA_GITHUB_APP_PRIVATE_KEY");
      String file = env.get("STRATA_GITHUB_APP_PRIVATE_KEY_FILE");
      if ((pem == null || pem.isBlank()) && file != null) {
        try {
          pem = Files.readString(Path.of(file));
        } catch (IOException e) {
          throw new InputException("cannot read STRATA_GITHUB_APP_PRIVATE_KEY_FILE: " + file);
        }
      }
      if (pem == null || pem.isBlank()) {
        throw new InputException(
            "STRATA_GITHUB_APP_ID is set but neither STRATA_GITHUB_APP_PRIVATE_KEY nor"
                + " STRATA_GITHUB_APP_PRIVATE_KEY_FILE is");
      }
      long id;
      try {
        id = Long.parseLong(appId.trim());
      } catch (NumberFormatException e) {
        throw new InputException("STRATA_GITHUB_APP_ID is not a number");
      }
      return GithubClients.app(
          githubApi, GithubApp.fromPem(githubApi, id, Secret.of(pem), HttpClient.newHttpClient()));
    }
    String token = env.getOrDefault("STRATA_GITHUB_TOKEN", env.get("GITHUB_TOKEN"));
    if (token == null || token.isBlank()) {
      throw new InputException(
          "set STRATA_GITHUB_APP_ID and a private key, or STRATA_GITHUB_TOKEN, for GitHub access");
    }
    return GithubClients.token(githubApi, Secret.of(token));
  }

  private static String defaultWorkerId() {
    return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
