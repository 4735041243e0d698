package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Schema;
import dev.strata.model.Trigger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Triggers: Atlas's structured form, the whole-statement form, and {@link TriggerSql}. */
class TriggerTest {
  private static final String DOC =
      """
      schema "main" {}
      table "users" {
        schema = schema.main
        column "id" {
          type = integer
        }
        column "name" {
          type = text
        }
      }
      view "names" {
        schema = schema.main
        as     = "SELECT name FROM users"
      }
      """;

  private static List<Trigger> triggers(String hcl) {
    Schema s = Hcl.decode(DOC + hcl).schemas().get(0);
    return s.triggers();
  }

  @Test
  void structuredFormBecomesCreateTrigger() {
    List<Trigger> t =
        triggers(
            """
            trigger "audit" {
              on = table.users
              after {
                update_of = [column.name, table.users.column.id]
              }
              for  = ROW
              when = "NEW.name <> OLD.name"
              as   = <<-SQL
                BEGIN
                  SELECT 1;
                END
              SQL
            }
            trigger "ins" {
              on = table.users
              before {
                insert = true
              }
              as = "BEGIN SELECT 2; END"
            }
            trigger "redirect" {
              on = view.names
              instead_of {
                delete = true
              }
              foreach = row
              as      = "BEGIN DELETE FROM users WHERE name = OLD.name; END"
            }
            """);
    assertEquals(
        "CREATE TRIGGER \"audit\" AFTER UPDATE OF \"name\", \"id\" ON \"users\" FOR EACH ROW"
            + " WHEN NEW.name <> OLD.name\nBEGIN\n  SELECT 1;\nEND",
        t.get(0).definition());
    assertEquals("users", t.get(0).table());
    assertEquals(
        "CREATE TRIGGER \"ins\" BEFORE INSERT ON \"users\"\nBEGIN SELECT 2; END",
        t.get(1).definition());
    assertEquals(
        "CREATE TRIGGER \"redirect\" INSTEAD OF DELETE ON \"names\" FOR EACH ROW\n"
            + "BEGIN DELETE FROM users WHERE name = OLD.name; END",
        t.get(2).definition());
    assertEquals("names", t.get(2).table());
  }

  @Test
  void wholeStatementFormKeepsTheText() {
    List<Trigger> t =
        triggers(
            """
            trigger "raw" {
              on      = table.users
              comment = "kept as written"
              as      = <<-SQL
                create trigger raw after delete on users begin select 1; end
              SQL
            }
            """);
    assertEquals(
        "create trigger raw after delete on users begin select 1; end", t.get(0).definition());
    assertEquals("kept as written", t.get(0).attrs().get("comment"));
  }

  @Test
  void composeAndParseAreInverse() {
    TriggerSql.Parts p =
        new TriggerSql.Parts(
            "a \"b\"",
            "AFTER",
            List.of("INSERT", "UPDATE"),
            List.of("x", "y z"),
            "t",
            "ROW",
            "NEW.x ON \"t\"",
            "BEGIN\nEND");
    String sql = TriggerSql.compose(p);
    assertEquals(
        "CREATE TRIGGER \"a \"\"b\"\"\" AFTER INSERT OR UPDATE OF \"x\", \"y z\" ON \"t\" FOR EACH"
            + " ROW WHEN NEW.x ON \"t\"\nBEGIN\nEND",
        sql);
    assertEquals(Optional.of(p), TriggerSql.parse(sql));
  }

  @Test
  void parseRejectsOtherShapes() {
    for (String sql :
        List.of(
            "CREATE TRIGGER t AFTER INSERT ON users BEGIN END",
            "CREATE TRIGGER \"t\" AFTER INSERT ON \"users\" BEGIN END",
            "CREATE TRIGGER \"t\" AFTER TRUNCATE ON \"users\"\nBEGIN END",
            "CREATE TRIGGER \"t\" AFTER INSERT OR INSERT ON \"users\"\nBEGIN END",
            "CREATE TRIGGER \"t\" AFTER INSERT ON \"users\"\nBEGIN END\n",
            "create trigger \"t\" after insert on \"users\"\nBEGIN END")) {
      assertTrue(TriggerSql.parse(sql).isEmpty(), sql);
    }
  }
}
