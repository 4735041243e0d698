package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of the MySQL statement splitter. */
class MysqlSplitterTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("select 1; select 2;", List.of("select 1", "select 2")),
        Arguments.of("select ';' ; select \"a;b\"", List.of("select ';'", "select \"a;b\"")),
        Arguments.of(
            "select 'it''s;' ; select 'a\\';'", List.of("select 'it''s;'", "select 'a\\';'")),
        Arguments.of("select `a;b` from t", List.of("select `a;b` from t")),
        Arguments.of("-- c; here\nselect 1; # x;y\n/* a;b */", List.of("-- c; here\nselect 1")),
        Arguments.of("/*!40101 SET NAMES utf8 */;", List.of("/*!40101 SET NAMES utf8 */")),
        Arguments.of(
            "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\n"
                + "SELECT 3;",
            List.of("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 3")),
        Arguments.of(
            "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n"
                + "  IF NEW.a > 0 THEN SET NEW.b = IF(NEW.a > 1, 2, 3); END IF;\n"
                + "  SET NEW.c = CASE WHEN NEW.a THEN 1 ELSE 0 END;\nEND;\nSELECT 1;",
            List.of(
                "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n"
                    + "  IF NEW.a > 0 THEN SET NEW.b = IF(NEW.a > 1, 2, 3); END IF;\n"
                    + "  SET NEW.c = CASE WHEN NEW.a THEN 1 ELSE 0 END;\nEND",
                "SELECT 1")),
        Arguments.of(
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; "
                + "WHILE 1 DO LEAVE; END WHILE; END; DROP TABLE IF EXISTS x;",
            List.of(
                "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; "
                    + "WHILE 1 DO LEAVE; END WHILE; END",
                "DROP TABLE IF EXISTS x")),
        Arguments.of(
            "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW begin\nif (OLD.a != NEW.a) then\n"
                + "delete from y; end if; set NEW.b = now(); end; SELECT 2;",
            List.of(
                "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW begin\nif (OLD.a != NEW.a) then\n"
                    + "delete from y; end if; set NEW.b = now(); end",
                "SELECT 2")),
        Arguments.of(
            "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW INSERT INTO log VALUES (1); BEGIN;",
            List.of(
                "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW INSERT INTO log VALUES (1)",
                "BEGIN")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void splits(String script, List<String> expected) {
    assertEquals(expected, MysqlSplitter.split(script));
  }
}
