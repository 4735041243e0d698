package dev.strata.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DbUrlTest {
  @Test
  void sqliteFileAndMemory() {
    DbUrl f = DbUrl.parse("sqlite://data/app.db");
    assertEquals("sqlite", f.scheme());
    assertEquals("data/app.db", f.path());
    assertFalse(f.isMemory());
    DbUrl abs = DbUrl.parse("sqlite:///tmp/x.db");
    assertEquals("/tmp/x.db", abs.path());
    DbUrl m = DbUrl.parse("sqlite://dev?mode=memory");
    assertTrue(m.isMemory());
    assertEquals("dev", m.path());
    assertTrue(DbUrl.parse("jdbc:sqlite::memory:").isMemory());
    assertEquals("a.db", DbUrl.parse("jdbc:sqlite:a.db").path());
  }

  @Test
  void serverUrls() {
    DbUrl pg = DbUrl.parse("postgres://bob:p%40ss@db.example:6543/app?sslmode=disable");
    assertEquals("postgres", pg.scheme());
    assertEquals("bob", pg.user());
    assertEquals("p@ss", pg.password());
    assertEquals("db.example", pg.host());
    assertEquals(6543, pg.port());
    assertEquals("app", pg.path());
    assertEquals(Map.of("sslmode", "disable"), pg.params());
    assertEquals("maria", DbUrl.parse("maria://root@localhost/test").scheme());
    assertEquals("mysql", DbUrl.parse("mysql://root:@127.0.0.1:3306/").scheme());
    assertEquals("postgres", DbUrl.parse("postgresql://localhost/db").scheme());
    assertEquals("embedded", DbUrl.parse("embedded://postgres").scheme());
  }

  @Test
  void jdbcServerUrlsTakeCredentialsFromParameters() {
    DbUrl u = DbUrl.parse("jdbc:postgresql://h:5432/db?user=al&password=secret&ssl=true");
    assertEquals("postgres", u.scheme());
    assertEquals("al", u.user());
    assertEquals("secret", u.password());
    assertEquals(Map.of("ssl", "true"), u.params());
    assertFalse(u.toString().contains("secret"), u.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgres://bob:s3cret@h/db|postgres://bob:****@h/db",
        "mysql://root:pw@127.0.0.1:3306/x|mysql://root:****@127.0.0.1:3306/x",
        "jdbc:postgresql://h/db?user=a&password=s3cret|jdbc:postgresql://h/db?user=a&password=****",
        "see postgres://u:p@h/d and maria://x:y@z/w|see postgres://u:****@h/d and maria://x:****@z/w",
        "sqlite://app.db|sqlite://app.db",
        "postgres://u:se@cret@h:5432/db: failed|postgres://u:****@h:5432/db: failed",
        "malformed database URL: postgres://u:se/cret@h/db|malformed database URL:"
            + " postgres://u:****@h/db",
        "to mysql://root:my pass@h:3306/x: user 'root'@'h'|to mysql://root:****@h:3306/x: user"
            + " 'root'@'h'",
        "postgres://h:5432/db: user x@y|postgres://h:5432/db: user x@y",
        "postgres://bob@h/db|postgres://bob@h/db"
      })
  void masksPasswords(String in, String masked) {
    assertEquals(masked, DbUrl.mask(in));
  }

  @Test
  void toStringIsMasked() {
    assertEquals("postgres://bob:****@h/db", DbUrl.parse("postgres://bob:s3cret@h/db").toString());
  }

  @Test
  void badUrlsAreInputErrorsWithoutThePassword() {
    InputException e =
        assertThrows(InputException.class, () -> DbUrl.parse("oracle://sys:s3cret@h/db"));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("unsupported database URL scheme \"oracle\""));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertThrows(InputException.class, () -> DbUrl.parse(""));
    assertThrows(InputException.class, () -> DbUrl.parse("sqlite://"));
  }
}
