package dev.strata.gitops.github;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives the {@link GithubClient} to answer an event with: one client per App installation (from the
 * event's {@code installation.id}), or one client for everything with a fixed token.
 */
@FunctionalInterface
public interface GithubClients {

  /** The client for events of {@code installationId} (0 when the event named none). */
  GithubClient forInstallation(long installationId);

  /** One client with a personal access token or Actions token. */
  static GithubClients token(URI apiBase, Secret token) {
    GithubClient client = new GithubClient(apiBase, new GithubAuth.Token(token), http());
    return installationId -> client;
  }

  /** Clients authenticated as installations of {@code app}, created on first use. */
  static GithubClients app(URI apiBase, GithubApp app) {
    HttpClient http = http();
    Map<Long, GithubClient> clients = new ConcurrentHashMap<>();
    return installationId -> {
      if (installationId <= 0) {
        throw new IllegalArgumentException("the event names no App installation");
      }
      return clients.computeIfAbsent(
          installationId, id -> new GithubClient(apiBase, app.installation(id), http));
    };
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }
}
