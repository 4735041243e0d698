package dev.strata.cli.server;

import dev.strata.InputException;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.run.DriftScheduler;
import dev.strata.gitops.run.Gitops;
import dev.strata.gitops.run.PullRequests;
import dev.strata.gitops.server.PipelineHandler;
import dev.strata.gitops.server.RepoCache;
import dev.strata.gitops.server.ServerLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The drift scheduler of {@code strata server}, configured from the environment: {@code
 * STRATA_DRIFT_REPOS} lists the repositories whose {@code drift.schedule} the server runs
 * (comma-separated; {@code owner/name} or {@code owner/name@branch} is fetched into the clone
 * cache, a path starting with {@code /} or {@code .} is a repository on this machine, used as it
 * is); {@code STRATA_DRIFT_POLL} is how often schedules are looked at (an interval such as {@code
 * 30s}, default {@code 60s}); {@code STRATA_DRIFT_LEASE} how long a claimed check blocks other
 * servers at most (default {@code 30m}).
 */
final class DriftSchedules {
  private DriftSchedules() {}

  /** The scheduler, or null when STRATA_DRIFT_REPOS is not set. */
  static DriftScheduler from(
      Map<String, String> env,
      RepoCache cache,
      GithubClients clients,
      String stateUrl,
      ServerLog log) {
    String repos = env.get("STRATA_DRIFT_REPOS");
    if (repos == null || repos.isBlank()) {
      return null;
    }
    Map<String, String> visible = new HashMap<>(env);
    visible.keySet().removeAll(PipelineHandler.SERVER_SECRETS);
    visible.put("STRATA_ACTOR", "drift-schedule");
    Map<String, String> runEnv = Map.copyOf(visible);
    List<DriftScheduler.Source> sources = new ArrayList<>();
    for (String raw : repos.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("/") || entry.startsWith(".")) {
        sources.add(DriftScheduler.local(Path.of(entry), runEnv, stateUrl));
      } else {
        sources.add(remote(entry, cache, clients, runEnv, stateUrl));
      }
    }
    return new DriftScheduler(
        sources,
        duration(env, "STRATA_DRIFT_POLL", "60s"),
        duration(env, "STRATA_DRIFT_LEASE", "30m"),
        "server-"
            + ProcessHandle.current().pid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8),
        log::info,
        Clock.systemUTC());
  }

  private static DriftScheduler.Source remote(
      String entry,
      RepoCache cache,
      GithubClients clients,
      Map<String, String> env,
      String stateUrl) {
    int at = entry.indexOf('@');
    String repo = at < 0 ? entry : entry.substring(0, at);
    String branch = at < 0 ? "main" : entry.substring(at + 1);
    if (!repo.matches("[\\w.-]+/[\\w.-]+") || branch.isBlank()) {
      throw new InputException(
          "STRATA_DRIFT_REPOS: \"" + entry + "\" is not owner/name[@branch] or a local path");
    }
    long installation;
    try {
      installation = Long.parseLong(env.getOrDefault("STRATA_DRIFT_INSTALLATION_ID", "0").strip());
    } catch (NumberFormatException e) {
      throw new InputException("STRATA_DRIFT_INSTALLATION_ID is not a number");
    }
    return new DriftScheduler.Source() {
      @Override
      public String name() {
        return repo;
      }

      @Override
      public DriftScheduler.Tick visit(
          java.util.function.Function<Gitops, DriftScheduler.Tick> work) {
        Secret token = clients.forInstallation(installation).gitToken();
        try (RepoCache.Lease lease = cache.checkout(repo, token, 0, "origin/" + branch);
            Gitops g = Gitops.open(lease.workTree(), env, PullRequests.NONE, stateUrl)) {
          return work.apply(g);
        }
      }
    };
  }

  private static Duration duration(Map<String, String> env, String key, String dflt) {
    String v = env.getOrDefault(key, dflt).strip();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smh])").matcher(v);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new InputException(
          key + " must be an interval such as 30s, 5m or 1h, not \"" + v + "\"");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
