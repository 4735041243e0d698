package dev.strata.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.hcl.HclParser;
import dev.strata.lint.Category;
import dev.strata.lint.Code;
import dev.strata.lint.Diagnostic;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.model.Column;
import dev.strata.model.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
  private static final Path DIR = Path.of("/proj");

  private static Project decode(String src, Map<String, String> vars, Map<String, String> env) {
    return new ProjectLoader(vars, env).decode(HclParser.parse(src, "strata.hcl"), DIR);
  }

  private static String error(String src) {
    return assertThrows(InputException.class, () -> decode(src, Map.of(), Map.of())).getMessage();
  }

  @Test
  void decodesEnvironmentsWithVariablesLocalsAndGetenv() {
    String src =
        """
        variable "tenant" {
          type    = string
          default = "acme"
        }
        locals {
          base = "schema"
          file = "${local.base}/${var.tenant}.hcl"
        }
        env "prod" {
          url     = getenv("DB_URL")
          dev     = "sqlite://dev.db"
          src     = ["file://${local.file}", "extra.sql"]
          schemas = ["public"]
          exclude = ["tmp_*"]
          revisions_schema = "strata"
        }
        env "local" {
          url = "sqlite://app.db?_fk=1"
          src = "file://schema.hcl"
        }
        """;
    Project p = decode(src, Map.of("tenant", "beta"), Map.of("DB_URL", "postgres://u:secret@h/db"));
    Env prod = p.env("prod");
    assertEquals("postgres://u:secret@h/db", prod.url());
    assertEquals("sqlite:///proj/dev.db", prod.dev());
    assertEquals(List.of("file:///proj/schema/beta.hcl", "file:///proj/extra.sql"), prod.src());
    assertEquals(List.of("public"), prod.inspectOptions().schemas());
    assertEquals(List.of("tmp_*"), prod.exclude());
    assertEquals("strata", prod.revisionsSchema());
    assertEquals(null, p.env("local").revisionsSchema());
    assertEquals("sqlite:///proj/app.db?_fk=1", p.env("local").url());
    assertEquals(List.of("file:///proj/schema.hcl"), p.env("local").src());
    assertEquals(
        "no env \"stage\" in the project file (have: prod, local)",
        assertThrows(InputException.class, () -> p.env("stage")).getMessage());
  }

  /** Credentials come from the environment (or --var), never from the committed file. */
  @Test
  void passwordWrittenInTheFileIsRefusedWithoutShowingIt() {
    String literal = "env \"prod\" {\n  url = \"postgres://app:hunter2@db/app\"\n}\n";
    String msg = error(literal);
    assertEquals(
        "strata.hcl:2:3: env \"prod\": the url has a password written in the project file; take"
            + " credentials from the environment instead, e.g. url ="
            + " getenv(\"PROD_DATABASE_URL\")",
        msg);
    assertFalse(msg.contains("hunter2"), msg);
    String inDefault =
        "variable \"pw\" {\n  default = \"hunter2\"\n}\n"
            + "env \"dev\" {\n  url = \"postgres://app@db/app\"\n"
            + "  dev = \"jdbc:postgresql://db/dev?user=app&password=${var.pw}\"\n}\n";
    assertTrue(
        error(inDefault).startsWith("strata.hcl:6:3: env \"dev\": the dev url has a password"),
        error(inDefault));
    // from the environment, from --var, or no password at all: fine
    String fromEnv =
        "env \"prod\" {\n  url = \"postgres://app:${getenv(\"PW\")}@db/app\"\n"
            + "  dev = getenv(\"DEV_URL\")\n}\n";
    Project p =
        decode(fromEnv, Map.of(), Map.of("PW", "s3cret", "DEV_URL", "postgres://u:p@db/dev"));
    assertEquals("postgres://app:s3cret@db/app", p.env("prod").url());
    String fromVar =
        "variable \"pw\" {\n  type = string\n}\n"
            + "env \"prod\" {\n  url = \"postgres://app:${var.pw}@db/app\"\n}\n";
    assertEquals(
        "postgres://app:x@db/app", decode(fromVar, Map.of("pw", "x"), Map.of()).env("prod").url());
    String none = "env \"prod\" {\n  url = \"postgres://app@db/app\"\n}\n";
    assertEquals("postgres://app@db/app", decode(none, Map.of(), Map.of()).env("prod").url());
  }

  @Test
  void missingEnvironmentVariableNamesItWithoutValue() {
    String src = "env \"prod\" {\n  url = getenv(\"DB_URL\")\n}\n";
    InputException e =
        assertThrows(InputException.class, () -> decode(src, Map.of(), Map.of("OTHER", "x")));
    assertEquals("strata.hcl:2:9: environment variable \"DB_URL\" is not set", e.getMessage());
  }

  @Test
  void positionedErrors() {
    assertEquals(
        "strata.hcl:2:3: unknown attribute \"urll\" in env \"dev\"",
        error("env \"dev\" {\n  urll = \"sqlite://x.db\"\n}\n"));
    assertEquals(
        "strata.hcl:1:1: unknown block \"envs\" (expected env, lint, diff, variable or locals)",
        error("envs \"x\" {\n}\n"));
    assertEquals("strata.hcl:1:1: env \"dev\" needs a url", error("env \"dev\" {\n}\n"));
    assertEquals(
        "strata.hcl:2:9: unknown reference \"vars.x\" (expected var.NAME or local.NAME)",
        error("env \"dev\" {\n  url = vars.x\n}\n"));
    assertEquals(
        "strata.hcl:1:1: variable \"pw\" has no value: pass --var pw=VALUE or give it a default",
        error("variable \"pw\" {\n  type = string\n}\n"));
    assertEquals(
        "strata.hcl:3:5: unknown change kind \"drop_tables\" in diff.skip",
        error("diff {\n  skip {\n    drop_tables = true\n  }\n}\n"));
    assertTrue(
        error("lint {\n  naming {\n    match = \"[\"\n  }\n}\n")
            .startsWith("strata.hcl:3:13: bad regular expression"));
    assertEquals(
        "strata.hcl:2:3: local \"a\" refers to itself",
        error("locals {\n  a = local.b\n  b = local.a\n}\nenv \"x\" {\n  url = local.a\n}\n"));
    assertEquals(
        "--var nope: the project file declares no variable \"nope\"",
        assertThrows(InputException.class, () -> decode("", Map.of("nope", "1"), Map.of()))
            .getMessage());
  }

  @Test
  void lintBlockBuildsPolicyAndNamingRules() {
    String src =
        """
        lint {
          allow = ["DS104"]
          destructive {
            error = false
          }
          locking {
            error = true
          }
          naming {
            match   = "^[a-z_]+$"
            message = "must be lower snake case"
            index {
              match = "^(idx|uq)_[a-z_]+$"
            }
          }
        }
        """;
    Project p = decode(src, Map.of(), Map.of());
    assertEquals(Map.of(Category.DESTRUCTIVE, false, Category.LOCKING, true), p.lint().errors());
    assertEquals(List.of("index", "any"), p.lint().naming().stream().map(r -> r.kind()).toList());
    LintReport r =
        new LintReport(
            List.of(
                new Diagnostic(Code.DS102, Severity.ERROR, "drop", 0, "t"),
                new Diagnostic(Code.LK101, Severity.ERROR, "lock", 1, "t"),
                new Diagnostic(Code.DD101, Severity.ERROR, "rows", 2, "t.c")));
    assertEquals(
        List.of(Code.LK101, Code.DD101),
        p.lint().policy(List.of()).blockers(r).stream().map(Diagnostic::code).toList());
    assertFalse(p.lint().policy(List.of("locking", "DD101")).blocks(r));
  }

  @Test
  void diffBlockSkipsChanges() {
    Project p =
        decode(
            "diff {\n  skip {\n    drop_table = true\n    drop_column = true\n  }\n"
                + "  concurrent_index {\n    create = true\n  }\n}\n",
            Map.of(),
            Map.of());
    DiffConfig d = p.diff();
    assertEquals(Set.of("drop_table", "drop_column"), d.skip());
    assertTrue(d.concurrentCreate());
    assertFalse(d.concurrentDrop());
    Table t =
        new Table(
            "t",
            List.of(new Column("id", "int", false)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
    SchemaChange drop = new SchemaChange.DropTable("main", t);
    SchemaChange onlyDropColumn =
        new SchemaChange.ModifyTable(
            "main", t, t, List.of(new TableChange.DropColumn(new Column("x", "int", true))));
    SchemaChange add = new SchemaChange.AddTable("main", t.withName("u"));
    assertEquals(List.of(add), d.filter(List.of(drop, onlyDropColumn, add)));
  }

  @Test
  void columnPositionSkipKeepsOtherColumnChanges() {
    Project p =
        decode("diff {\n  skip {\n    column_position = true\n  }\n}\n", Map.of(), Map.of());
    DiffConfig d = p.diff();
    Column a = new Column("a", "int", true);
    Table t = new Table("t", List.of(a), null, List.of(), List.of(), List.of(), null, null);
    TableChange moveOnly =
        new TableChange.ModifyColumn(a, a, Set.of(SchemaChange.ColumnChangeKind.POSITION));
    TableChange moveAndType =
        new TableChange.ModifyColumn(
            a,
            new Column("a", "bigint", true),
            Set.of(SchemaChange.ColumnChangeKind.POSITION, SchemaChange.ColumnChangeKind.TYPE));
    List<SchemaChange> out =
        d.filter(
            List.of(
                new SchemaChange.ModifyTable("main", t, t, List.of(moveOnly)),
                new SchemaChange.ModifyTable("main", t, t, List.of(moveAndType))));
    assertEquals(1, out.size(), "a table left with only a move has no change: " + out);
    TableChange.ModifyColumn kept =
        (TableChange.ModifyColumn) ((SchemaChange.ModifyTable) out.get(0)).changes().get(0);
    assertEquals(Set.of(SchemaChange.ColumnChangeKind.TYPE), kept.kinds());
  }

  @Test
  void loadsFromDiskRelativeToTheFile(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("strata.hcl");
    Files.writeString(
        f, "env \"dev\" {\n  url = \"sqlite://db/app.db\"\n  src = \"file://schema.hcl\"\n}\n");
    Project p = new ProjectLoader(Map.of(), Map.of()).load(f);
    assertEquals("sqlite://" + tmp.toAbsolutePath().resolve("db/app.db"), p.env("dev").url());
    assertEquals(tmp.toAbsolutePath(), p.dir());
  }
}
