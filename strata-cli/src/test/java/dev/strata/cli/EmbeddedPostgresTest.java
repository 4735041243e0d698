package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffing two PostgreSQL SQL files needs no server: {@code --dev-url embedded://postgres}. */
class EmbeddedPostgresTest {
  @TempDir Path dir;

  @Test
  void diffsTwoSqlFilesOnEmbeddedPostgres() throws Exception {
    Path from =
        Files.writeString(dir.resolve("v1.sql"), "CREATE TABLE t (id int PRIMARY KEY, a text);\n");
    Path to =
        Files.writeString(
            dir.resolve("v2.sql"),
            "CREATE TABLE t (id int PRIMARY KEY, a text, b int NOT NULL DEFAULT 0);\n"
                + "CREATE INDEX t_b ON t (b);\n");
    Cli r =
        Cli.run(
            "schema",
            "diff",
            "--from",
            "file://" + from,
            "--to",
            "file://" + to,
            "--dev-url",
            "embedded://postgres");
    assertEquals(0, r.code(), r.toString());
    assertEquals(
        "-- add column b to t\n"
            + "ALTER TABLE public.t ADD COLUMN b integer DEFAULT 0 NOT NULL;\n"
            + "-- add index t_b to t\n"
            + "CREATE INDEX t_b ON public.t (b);\n",
        r.out());
  }
}
