package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.GithubApp;
import dev.strata.gitops.github.GithubAuth;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statuses per environment, names qualified only when two projects share an env; App checks. */
class PlanStatusesTest {
  private static final String REPO = "o/r";
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private static RunReport report() {
    return new RunReport(
        "plan",
        1,
        "a",
        SHA,
        List.of(
            EnvResult.of("db", "prod", Status.PLANNED, "ok"),
            EnvResult.of("billing", "dev", Status.ERROR, "postgres://u:hunter2@h/db refused"),
            EnvResult.of("db", "dev", Status.NO_CHANGES, null)),
        List.of());
  }

  @Test
  void tokenClientsGetStatuses() throws Exception {
    try (FakeGithub github = new FakeGithub().token("t0k", "bot")) {
      GithubClient client =
          new GithubClient(github.apiBase(), new GithubAuth.Token(Secret.of("t0k")));
      PlanStatuses.post(client, REPO, SHA, "plan", report());
      Map<Object, Object> byContext = new java.util.HashMap<>();
      github.statuses().forEach(s -> byContext.put(s.get("context"), s.get("state")));
      assertEquals("success", byContext.get("strata/plan: prod"));
      assertEquals("failure", byContext.get("strata/plan: billing/dev"));
      assertEquals("success", byContext.get("strata/plan: db/dev"));
      assertTrue(github.checkRuns().isEmpty());
    }
  }

  @Test
  void appsAlsoGetCheckRunsWithMaskedMessages() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    try (FakeGithub github = new FakeGithub().app(77, keys.getPublic())) {
      GithubApp app =
          new GithubApp(
              github.apiBase(),
              77,
              keys.getPrivate(),
              HttpClient.newHttpClient(),
              Clock.systemUTC());
      GithubClient client = new GithubClient(github.apiBase(), app.installation(5));
      PlanStatuses.post(client, REPO, SHA, "plan", report());
      assertEquals(3, github.checkRuns().size());
      String all = github.checkRuns().values().toString();
      assertTrue(all.contains("strata/plan: billing/dev"), all);
      assertTrue(all.contains("failure"), all);
      assertTrue(!all.contains("hunter2"), all);
    }
  }
}
