package dev.strata.gitops.server;

import static dev.strata.gitops.server.StrataServerTest.await;
import static dev.strata.gitops.server.StrataServerTest.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.gitops.TestRepo;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.Fixtures;
import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium (see {@link Browser}): a pull request is planned
 * through the running server (signed webhook, real git repository, real SQLite database and state
 * store), then the browser loads the page, finds the run, follows its link to the plan SQL, and
 * shows a hostile value as text. Without the token the page is refused.
 */
class DashboardBrowserTest {
  private static final Secret SECRET = Secret.of("test-webhook-secret-5b1f");
  private static final String TOKEN = "ghs_browser_token_3a9d";
  private static final String DASHBOARD_TOKEN = "dash-token-browser-77";
  private static final String REPO = "Codertocat/Hello-World";
  private static final String FIXTURE_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  private static final String FIXTURE_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  private static final String HOSTILE = "<script>window.strataPwned=1</script>";

  @TempDir Path dir;
  private FakeGithub github;
  private TestRepo work;
  private Path remote;
  private StrataServer server;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Browser.available(), Browser.SKIP + "=1: no chromium, browser test skipped");
    github = new FakeGithub().token(TOKEN, "strata-app[bot]");
    remote = dir.resolve("remotes/Codertocat/Hello-World.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    work = TestRepo.init(dir.resolve("work"));
    work.write(".strata/config.yml", dev.strata.gitops.Fixtures.CONFIG)
        .write("db/strata.hcl", dev.strata.gitops.Fixtures.PROJECT)
        .write("db/schema.hcl", dev.strata.gitops.Fixtures.EMPTY)
        .commit("initial");
    String store = "sqlite://" + dir.resolve("store.db");
    ServerConfig config =
        ServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET, store)
            .withGithubApi(github.apiBase())
            .withWorkers("w-browser", 2, Duration.ofSeconds(60), Duration.ofMillis(50));
    ServerLog log = ServerLog.to(new PrintStream(logBytes, true));
    PipelineHandler handler =
        new PipelineHandler(
            new RepoCache(dir.resolve("cache"), dir.resolve("remotes").toUri()),
            store,
            Map.of("DEV_DATABASE_URL", "sqlite://" + dir.resolve("dev.db")),
            log);
    server =
        new StrataServer(
                config, GithubClients.token(github.apiBase(), Secret.of(TOKEN)), handler, log)
            .mount("/", new Dashboard(store, Secret.of(DASHBOARD_TOKEN)))
            .start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      github.close();
      work.close();
    }
  }

  @Test
  void theBrowserShowsTheRunAndItsPlanAndEscapesHostileText() throws Exception {
    String base = work.commit("base");
    work.branch("changes")
        .write(
            "db/schema.hcl",
            dev.strata.gitops.Fixtures.V1.replace(
                "type = uuid\n", "type = varchar(200)\n      default = \"" + HOSTILE + "\"\n"));
    String head = work.commit("create users");
    try (Git git = Git.open(work.dir().toFile())) {
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
          .call();
    }
    String opened =
        Fixtures.read("pull_request/opened.payload.json")
            .replace(FIXTURE_HEAD, head)
            .replace(FIXTURE_BASE, base);
    assertEquals(
        202,
        signed(server.port(), "pull_request", UUID.randomUUID().toString(), opened).statusCode());
    await(
        "the plan status",
        () ->
            github.statuses().stream()
                .anyMatch(
                    s ->
                        head.equals(s.get("sha"))
                            && "strata/plan: dev".equals(s.get("context"))
                            && "success".equals(s.get("state"))));

    String page = "http://127.0.0.1:" + server.port() + "/";
    try (Browser browser = Browser.start()) {
      // without the token: refused, loopback included, since a token is configured
      browser.open(page);
      String refused = browser.text(browser.find("body"));
      assertTrue(refused.contains("needs STRATA_DASHBOARD_TOKEN"), refused);
      assertTrue(browser.findAll("table").isEmpty(), refused);
      browser.open(page + "?token=wrong-" + DASHBOARD_TOKEN);
      assertTrue(browser.text(browser.find("body")).contains("needs STRATA_DASHBOARD_TOKEN"));

      browser.open(page + "?token=" + DASHBOARD_TOKEN);
      assertEquals("Strata", browser.title());
      String environments = browser.text(browser.find("table"));
      assertTrue(environments.contains("db/dev pending plan locked by PR #2"), environments);

      String runLink = browser.find("a[href^='#run-']");
      String runRow =
          (String)
              browser.script(
                  "return arguments[0].closest('tr').innerText;", Browser.element(runLink));
      assertTrue(runRow.matches("(?s).*\\bplan\\b.*#2.*" + head.substring(0, 8) + ".*"), runRow);
      // its state: the run finished ok and planned db/dev
      assertTrue(runRow.contains("\tok\t") && runRow.contains("db/dev: planned"), runRow);

      browser.click(runLink);
      String anchor = browser.url().substring(browser.url().indexOf('#'));
      assertTrue(anchor.startsWith("#run-"), browser.url());
      String target = browser.find(":target");
      assertEquals(
          "h3",
          browser.script("return arguments[0].tagName.toLowerCase();", Browser.element(target)));
      assertTrue(browser.text(target).startsWith("plan run "), browser.text(target));
      String sql =
          (String)
              browser.script(
                  "var e = arguments[0].nextElementSibling;"
                      + " while (e && e.tagName !== 'PRE') { e = e.nextElementSibling; }"
                      + " return e ? e.textContent : null;",
                  Browser.element(target));
      assertTrue(sql != null && sql.contains("CREATE TABLE"), String.valueOf(sql));
      assertTrue(sql.contains("users"), sql);
      // the hostile default is shown as text, and nothing ran
      assertTrue(sql.contains(HOSTILE), sql);
      assertEquals(
          true, browser.script("return document.getElementsByTagName('script').length === 0;"));
      assertEquals(true, browser.script("return window.strataPwned === undefined;"));
      assertFalse(browser.text(browser.find("body")).contains(DASHBOARD_TOKEN));

      Path shots = Path.of("target");
      if (Files.isDirectory(shots)) {
        browser.screenshot(shots.resolve("dashboard-browser-test.png"));
      }
    }
  }
}
