package dev.strata.gitops.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.gitops.config.GitopsConfig.LockPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config file: defaults, every key, and positioned errors for bad input. */
class ConfigLoaderTest {
  private static final String F = ".strata/config.yml";

  @Test
  void theMinimalFileDefaultsEverythingElse() {
    GitopsConfig c = ConfigLoader.parse("autoapply: true\n", F);
    assertTrue(c.autoapply());
    assertTrue(c.autoplan());
    assertTrue(c.discoverProjects());
    assertEquals(LockPolicy.STRICT, c.lockPolicy());
    assertFalse(c.applyRequirements().any());
    assertNull(c.storage().url());
    assertEquals(GitopsConfig.DEFAULT, ConfigLoader.parse("", F));
  }

  @Test
  void everyKey() {
    GitopsConfig c =
        ConfigLoader.parse(
            """
            version: 1
            projects:
              - name: app
                dir: ./db/app/
                envs:
                  - staging
                  - name: production
                    after: [staging]
                when_modified:
                  file_patterns: ["${DIR}/**", "!${DIR}/README.md", "shared/*.hcl"]
            autoplan: false
            apply_requirements:
              approvals: 2
              approvers: [alice, bob]
              mergeable: true
              status_checks: true
              not_draft: true
            lock_policy: apply
            hooks:
              plan:
                before: echo hi
              apply:
                after: ["notify.sh"]
            drift:
              schedule: "0 6 * * *"
            storage:
              url: postgres://strata:${STATE_PASSWORD}@db/strata
            default_branch: trunk
            """,
            F);
    assertEquals("db/app", c.projects().get(0).dir());
    assertEquals(List.of("staging"), c.projects().get(0).envs().get(1).after());
    assertEquals(2, c.applyRequirements().approvals());
    assertEquals(LockPolicy.APPLY, c.lockPolicy());
    assertEquals(List.of("echo hi"), c.hooks().beforePlan());
    assertEquals(List.of("notify.sh"), c.hooks().afterApply());
    assertEquals("0 6 * * *", c.drift().schedule());
    assertEquals("trunk", c.defaultBranch());
    assertTrue(c.storage().url().contains("${STATE_PASSWORD}"), "resolved only at run time");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "autoaply: true|1:1: unknown key \"autoaply\" in the config file (did you mean \"autoapply\"?)",
        "autoapply: yes please|1:12: autoapply must be true or false, not the string \"yes please\"",
        "lock_policy: sometimes|1:14: lock_policy must be strict, apply or none",
        "projects:\\n  - dir: db\\n    envz: []|3:5: unknown key \"envz\" in a project (did you mean \"envs\"?)",
        "projects:\\n  - name: x|2:5: a project needs a dir",
        "apply_requirements:\\n  approvals: two|2:14: approvals must be a whole number",
        "drift:\\n  schedule: daily|2:13: drift.schedule must be an interval such as \"1h\"",
        "drift:\\n  schedule: 0 25 * * *|2:15: drift.schedule: 25 is out of range for the hour field (0-23)",
        "drift:\\n  schedule: \"0 6 * * 9\"|2:22: drift.schedule: 9 is out of range for the day of week field",
        "drift:\\n  schedule: 0 6 * jan *|2:19: drift.schedule: \"jan\" in the month field is not a number",
        "drift:\\n  schedule: 0s|2:13: drift.schedule: an interval must be at least 1s",
        "storage:\\n  url: postgres://${BAD NAME}@x/y|2:8: \"${BAD NAME}\" is not an environment",
        "projects:\\n  - dir: db\\n    envs:\\n      - name: prod\\n        after: [staging]|5:16: env \"prod\" is after \"staging\", which is not listed before it",
        "hooks: [a]|1:8: hooks must be a mapping",
        "autoapply: [true|1:17: expected ',' or ']'",
      })
  void errorsSayWhereAndWhy(String yaml, String expected) {
    InputException e =
        assertThrows(InputException.class, () -> ConfigLoader.parse(yaml.replace("\\n", "\n"), F));
    assertTrue(e.getMessage().startsWith(F + ":" + expected), e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void secretsResolveAtRunTimeAndErrorsNameOnlyTheVariable() {
    assertEquals(
        "postgres://u:pw@h/d",
        Secrets.resolve("postgres://u:${P}@h/d", Map.of("P", "pw"), "storage.url"));
    InputException e =
        assertThrows(
            InputException.class,
            () -> Secrets.resolve("postgres://u:${P}@h/d", Map.of(), "storage.url"));
    assertEquals("storage.url: environment variable P is not set", e.getMessage());
  }

  @Test
  void aPasswordWrittenIntoTheStorageUrlIsRefused() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> ConfigLoader.parse("storage:\n  url: postgres://strata:hunter2@db/s\n", F));
    assertTrue(
        e.getMessage().startsWith(F + ":2:8: storage.url has a password written in the file"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
    assertThrows(
        InputException.class,
        () -> ConfigLoader.parse("storage:\n  url: postgres://db/s?password=hunter2\n", F));
    for (String ok :
        List.of(
            "postgres://strata:${STATE_PASSWORD}@db/s",
            "${STATE_URL}",
            "postgres://strata@db/s?password=${PW}&sslmode=require",
            "postgres://db.example.com:5432/s",
            "sqlite://state.db")) {
      assertEquals(ok, ConfigLoader.parse("storage:\n  url: \"" + ok + "\"\n", F).storage().url());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "db, db/schema.hcl, true",
    "db, db/sub/x.sql, true",
    "db, db/README.md, false",
    "db, other/schema.hcl, false",
    "db, shared/types.hcl, true",
    "db, shared/deep/types.hcl, false",
    "., anything/at/all.txt, true",
  })
  void filePatterns(String dir, String path, boolean expected) {
    List<String> patterns =
        dir.equals(".")
            ? GitopsConfig.ProjectSpec.DEFAULT_PATTERNS
            : List.of("${DIR}/**", "!${DIR}/*.md", "shared/*.{hcl,sql}");
    assertEquals(expected, FilePatterns.of(patterns, dir).matches(path));
  }
}
