package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.gitops.github.FakeGithub;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubTypes.Permission;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void secretComesFromTheEnvironmentAndNeverPrints() {
    assertThrows(InputException.class, () -> ServerConfig.fromEnv(Map.of(), "127.0.0.1", 8080));
    ServerConfig c =
        ServerConfig.fromEnv(
            Map.of(
                "STRATA_WEBHOOK_SECRET", "s3cr3t-value",
                "STRATA_GITHUB_API_URL", "https://ghe.example.com/api/v3"),
            "127.0.0.1",
            8080);
    assertEquals(URI.create("https://ghe.example.com/api/v3"), c.githubApi());
    assertEquals("sqlite://.strata/server.db", c.storeUrl());
    assertEquals(CommandPolicy.DEFAULT, c.policy());
    assertFalse(c.toString().contains("s3cr3t-value"), c.toString());
  }

  @Test
  void tokenOrAppFromTheEnvironment() throws Exception {
    ServerConfig c = ServerConfig.fromEnv(Map.of("STRATA_WEBHOOK_SECRET", "x"), "127.0.0.1", 0);
    assertThrows(InputException.class, () -> c.githubClients(Map.of()));
    assertFalse(c.githubClients(Map.of("GITHUB_TOKEN", "t")).forInstallation(0).isApp());

    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    Path pem = dir.resolve("app.pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    try (FakeGithub github = new FakeGithub().app(99, keys.getPublic())) {
      GithubClient client =
          c.withGithubApi(github.apiBase())
              .githubClients(
                  Map.of(
                      "STRATA_GITHUB_APP_ID",
                      "99",
                      "STRATA_GITHUB_APP_PRIVATE_KEY_FILE",
                      pem.toString()))
              .forInstallation(5);
      assertTrue(client.isApp());
      client.createComment("o/r", 1, "hello from the App");
      assertEquals("strata-app[bot]", github.comments("o/r", 1).get(0).user());
    }
    assertThrows(
        InputException.class,
        () -> c.githubClients(Map.of("STRATA_GITHUB_APP_ID", "99")),
        "an App id without a key");
  }

  @Test
  void workersAndLeaseFromTheEnvironment() {
    ServerConfig d = ServerConfig.fromEnv(Map.of("STRATA_WEBHOOK_SECRET", "x"), "127.0.0.1", 0);
    assertEquals(4, d.parallelism());
    assertEquals(java.time.Duration.ofMinutes(2), d.lease());
    ServerConfig c =
        ServerConfig.fromEnv(
            Map.of(
                "STRATA_WEBHOOK_SECRET", "x", "STRATA_WORKERS", "7", "STRATA_LEASE_SECONDS", "15"),
            "127.0.0.1",
            0);
    assertEquals(7, c.parallelism());
    assertEquals(java.time.Duration.ofSeconds(15), c.lease());
    assertEquals(d.poll(), c.poll());
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                ServerConfig.fromEnv(
                    Map.of("STRATA_WEBHOOK_SECRET", "x", "STRATA_WORKERS", "0"), "127.0.0.1", 0));
    assertEquals("STRATA_WORKERS must be a positive whole number, not '0'", e.getMessage());
  }

  @Test
  void commandPermissionsCanOnlyBeMadeStricter() {
    ServerConfig c =
        ServerConfig.fromEnv(
            Map.of(
                "STRATA_WEBHOOK_SECRET",
                "x",
                "STRATA_COMMAND_PERMISSIONS",
                " apply=admin, unlock=Maintain ,plan=write"),
            "127.0.0.1",
            0);
    assertEquals(
        new CommandPolicy(Permission.WRITE, Permission.ADMIN, Permission.MAINTAIN), c.policy());
    assertEquals(
        new CommandPolicy(Permission.READ, Permission.ADMIN, Permission.WRITE),
        CommandPolicy.parse("apply=admin"));
    assertEquals(CommandPolicy.DEFAULT, CommandPolicy.parse(" "));
    assertEquals(
        "STRATA_COMMAND_PERMISSIONS: apply needs at least write permission; rules can only be"
            + " made stricter, not 'read'",
        assertThrows(InputException.class, () -> CommandPolicy.parse("apply=read")).getMessage());
    assertEquals(
        "STRATA_COMMAND_PERMISSIONS: unknown command 'merge' (plan, apply or unlock)",
        assertThrows(InputException.class, () -> CommandPolicy.parse("merge=admin")).getMessage());
    assertEquals(
        "STRATA_COMMAND_PERMISSIONS: 'apply=root' is not command=permission with a permission of"
            + " read, triage, write, maintain or admin",
        assertThrows(InputException.class, () -> CommandPolicy.parse("apply=root")).getMessage());
    assertThrows(
        InputException.class,
        () ->
            ServerConfig.fromEnv(
                Map.of("STRATA_WEBHOOK_SECRET", "x", "STRATA_COMMAND_PERMISSIONS", "unlock=none"),
                "127.0.0.1",
                0));
  }
}
