package dev.strata.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.cli.Main;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.server.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata server}: configuration from the environment, /healthz, a clean stop. */
class ServerCommandTest {
  @TempDir Path dir;

  @Test
  void servesHealthzAndStopsCleanly() throws Exception {
    String secret = "whsec-do-not-print-71";
    Map<String, String> env =
        Map.of(
            "STRATA_WEBHOOK_SECRET",
            secret,
            "STRATA_GITHUB_TOKEN",
            "ghp_do_not_print_72",
            "STRATA_STORE_URL",
            "sqlite://" + dir.resolve("server.db"),
            "STRATA_CACHE_DIR",
            dir.resolve("cache").toString());
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    CountDownLatch stop = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            () -> {
              try {
                ServerCommand.serve(env, "127.0.0.1", 0, out, stop);
              } catch (Throwable e) {
                failure[0] = e;
              }
            });
    t.start();
    Matcher m = Pattern.compile("listening on (http://\\S+)").matcher("");
    long deadline = System.currentTimeMillis() + 30_000;
    while (!m.reset(text.toString()).find()) {
      assertTrue(
          System.currentTimeMillis() < deadline && failure[0] == null, text + " " + failure[0]);
      Thread.sleep(20);
    }
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(m.group(1) + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    stop.countDown();
    t.join(30_000);
    assertFalse(t.isAlive());
    assertTrue(text.toString().contains("stopping"), text.toString());
    assertFalse(
        text.toString().contains(secret) || text.toString().contains("ghp_do_not_print_72"));
  }

  @Test
  void theWebhookSecretIsNeverAFlag() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"server", "--webhook-secret", "x"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option"));
  }

  @Test
  void helpNamesEverySettingAndKeepsItsLines() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"server", "--help"},
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, code);
    String help = out.toString(StandardCharsets.UTF_8);
    String docs = java.nio.file.Files.readString(Path.of("../docs/github.md"));
    Matcher vars = Pattern.compile("`(STRATA_[A-Z_]+)`").matcher(docs);
    int seen = 0;
    while (vars.find()) {
      String v = vars.group(1);
      if (v.startsWith("STRATA_GITHUB_APP_PRIVATE_KEY") || v.equals("STRATA_STATE_PASSWORD")) {
        continue; // named together as STRATA_GITHUB_APP_PRIVATE_KEY[_FILE]; a workflow secret
      }
      assertTrue(help.contains(v), v + " is documented but not in --help:\n" + help);
      seen++;
    }
    assertTrue(seen >= 10, "the settings table of docs/github.md was not found");
    assertTrue(help.contains("apply on command or\nmerge, and answer GET /healthz"), help);
  }

  @Test
  void gitUrlFollowsTheApi() {
    ServerConfig c = ServerConfig.fromEnv(Map.of("STRATA_WEBHOOK_SECRET", "s"), "127.0.0.1", 0);
    assertEquals(URI.create("https://github.com"), ServerCommand.gitUrl(c, Map.of()));
    assertEquals(GithubClient.PUBLIC_API, c.githubApi());
    ServerConfig ghe = c.withGithubApi(URI.create("https://ghe.example.com/api/v3"));
    assertEquals(URI.create("https://ghe.example.com"), ServerCommand.gitUrl(ghe, Map.of()));
    assertEquals(
        URI.create("file:///srv/git"),
        ServerCommand.gitUrl(ghe, Map.of("STRATA_GITHUB_GIT_URL", "file:///srv/git")));
  }
}
