package dev.strata.cli.server;

import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.run.DriftScheduler;
import dev.strata.gitops.server.Dashboard;
import dev.strata.gitops.server.PipelineHandler;
import dev.strata.gitops.server.RepoCache;
import dev.strata.gitops.server.ServerConfig;
import dev.strata.gitops.server.ServerLog;
import dev.strata.gitops.server.StrataServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata server}: the GitHub webhook server running the GitOps pipeline. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    header = "GitHub webhook server: plans pull requests, applies on command or merge.",
    description = {
      "Receive GitHub webhooks at POST /webhooks/github, plan pull requests, apply on command or",
      "merge, and answer GET /healthz. Secrets come from the environment only:",
      "  STRATA_WEBHOOK_SECRET (required), STRATA_GITHUB_APP_ID + STRATA_GITHUB_APP_PRIVATE_KEY[_FILE]",
      "  or STRATA_GITHUB_TOKEN; STRATA_GITHUB_API_URL (GitHub Enterprise), STRATA_GITHUB_GIT_URL,",
      "  STRATA_STORE_URL (queue, default sqlite://.strata/server.db), STRATA_STATE_URL (plans and",
      "  locks, default: the store), STRATA_CACHE_DIR (clones, default .strata/cache),",
      "  STRATA_DASHBOARD_TOKEN (the dashboard at GET /; without it, loopback only),",
      "  STRATA_COMMAND_PERMISSIONS (stricter rules, e.g. apply=admin,unlock=maintain),",
      "  STRATA_DRIFT_REPOS (repositories whose drift.schedule the server runs: owner/name[@branch]",
      "  or a local path, comma-separated), STRATA_DRIFT_POLL (default 60s), STRATA_WORKERS (pull",
      "  requests worked on at once, default 4), STRATA_LEASE_SECONDS (default 120).",
      "Stops cleanly on SIGTERM: queued events stay queued for the next start.",
      "",
      "Example: STRATA_WEBHOOK_SECRET=... STRATA_GITHUB_TOKEN=... strata server --port 8080"
    })
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port to listen on (default 8080; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String host;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "strata-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      serve(System.getenv(), host, port, spec.commandLine().getOut(), stop);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping: the hook is running and waits for us
      }
    }
    return 0;
  }

  /**
   * Runs the server configured from {@code env} until {@code stop} opens, then closes it (webhooks
   * first, then the workers; unfinished events stay queued).
   */
  public static void serve(
      Map<String, String> env, String host, int port, PrintWriter out, CountDownLatch stop)
      throws IOException, InterruptedException {
    ServerConfig config = ServerConfig.fromEnv(env, host, port);
    GithubClients clients = config.githubClients(env);
    ServerLog log = ServerLog.to(new PrintStream(new WriterStream(out), true));
    RepoCache cache =
        new RepoCache(
            Path.of(env.getOrDefault("STRATA_CACHE_DIR", ".strata/cache")), gitUrl(config, env));
    String state = env.getOrDefault("STRATA_STATE_URL", config.storeUrl());
    PipelineHandler handler = new PipelineHandler(cache, state, env, log);
    String dashboardToken = env.get("STRATA_DASHBOARD_TOKEN");
    Dashboard dashboard =
        new Dashboard(
            state,
            dashboardToken == null || dashboardToken.isBlank() ? null : Secret.of(dashboardToken));
    try (StrataServer server =
            new StrataServer(config, clients, handler, log).mount("/", dashboard).start();
        DriftScheduler drift = DriftSchedules.from(env, cache, clients, state, log)) {
      if (drift != null) {
        drift.start();
      }
      out.println("strata server listening on http://" + host + ":" + server.port());
      out.flush();
      stop.await();
      out.println("strata server stopping");
      out.flush();
    }
  }

  /** Where repositories are fetched from: STRATA_GITHUB_GIT_URL, else derived from the API URL. */
  static URI gitUrl(ServerConfig config, Map<String, String> env) {
    String explicit = env.get("STRATA_GITHUB_GIT_URL");
    if (explicit != null && !explicit.isBlank()) {
      return URI.create(explicit);
    }
    URI api = config.githubApi();
    if (api.equals(GithubClient.PUBLIC_API)) {
      return URI.create("https://github.com");
    }
    String s = api.toString().replaceAll("/+$", "");
    return URI.create(s.endsWith("/api/v3") ? s.substring(0, s.length() - 7) : s);
  }
}
