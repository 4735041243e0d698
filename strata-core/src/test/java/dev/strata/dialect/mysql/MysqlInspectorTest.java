package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.dialect.InspectOptions;
import dev.strata.model.Attrs;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inspects a database with most MySQL/MariaDB features on the local server and checks it exactly.
 */
class MysqlInspectorTest {
  @Test
  void inspectsEverything() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE parent (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
              + " code char(3) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,"
              + " label varchar(20) DEFAULT 'it''s', ratio decimal(5,2) DEFAULT 1.5,"
              + " flags bit(3) DEFAULT b'101', kind enum('a','B') DEFAULT 'a', doc json,"
              + " ok bool DEFAULT true, zf int(6) zerofill,"
              + " ts timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),"
              + " uid varchar(36) DEFAULT (uuid()), twice int AS (id * 2) VIRTUAL,"
              + " hidden int INVISIBLE COMMENT 'shh', CONSTRAINT positive CHECK (ratio > 0),"
              + " UNIQUE KEY uk_code (code), KEY idx_label (label(5) DESC, ratio),"
              + " FULLTEXT KEY ft_label (label)) ENGINE=InnoDB COMMENT='parents' AUTO_INCREMENT=100",
          "CREATE TABLE child (id int NOT NULL, parent_id int unsigned,"
              + " CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id)"
              + " ON DELETE CASCADE ON UPDATE RESTRICT) ENGINE=InnoDB DEFAULT CHARSET=latin1",
          "CREATE SQL SECURITY INVOKER VIEW v AS SELECT id, code FROM parent WITH CHECK OPTION",
          "CREATE TRIGGER trg BEFORE INSERT ON child FOR EACH ROW SET NEW.id = NEW.id + 1",
          "CREATE FUNCTION twice(a int) RETURNS int DETERMINISTIC RETURN a * 2",
          "CREATE EVENT ev ON SCHEDULE EVERY 1 DAY COMMENT 'nightly' DO DELETE FROM child");
      Realm realm;
      try (Connection c = db.open()) {
        realm = new MysqlDialect().inspect(c, InspectOptions.ALL);
      }
      assertEquals(1, realm.schemas().size());
      Schema s = realm.schemas().get(0);
      assertEquals(db.name(), s.name());
      assertTrue(
          s.attrs().get("server").startsWith("mariadb")
              || s.attrs().get("server").startsWith("mysql"));
      Table p = s.table("parent").orElseThrow();
      assertEquals("parents", p.comment());
      assertEquals("100", p.attrs().get("auto_increment"));
      assertEquals("InnoDB", p.attrs().get("engine"));
      assertNull(p.attrs().get("collate"), "inherited from the database");
      assertEquals(List.of("id"), p.primaryKey().columnNames());
      Column id = p.column("id").orElseThrow();
      assertEquals("int", id.type());
      assertTrue(id.autoIncrement());
      assertEquals(Attrs.of("unsigned", "true"), id.attrs());
      Column code = p.column("code").orElseThrow();
      assertEquals("char(3)", code.type());
      assertEquals("latin1_bin", code.collation());
      assertEquals("latin1", code.attrs().get("charset"));
      assertEquals("'it''s'", p.column("label").orElseThrow().defaultExpr());
      assertNull(p.column("label").orElseThrow().collation());
      assertEquals("1.50", p.column("ratio").orElseThrow().defaultExpr());
      assertEquals("b'101'", p.column("flags").orElseThrow().defaultExpr());
      assertEquals("enum('a','B')", p.column("kind").orElseThrow().type());
      assertEquals("'a'", p.column("kind").orElseThrow().defaultExpr());
      assertEquals("json", p.column("doc").orElseThrow().type());
      assertEquals("tinyint(1)", p.column("ok").orElseThrow().type());
      assertEquals("1", p.column("ok").orElseThrow().defaultExpr());
      assertEquals("int(6)", p.column("zf").orElseThrow().type());
      assertEquals(
          Attrs.of("unsigned", "true", "zerofill", "true"), p.column("zf").orElseThrow().attrs());
      Column ts = p.column("ts").orElseThrow();
      assertEquals("timestamp(3)", ts.type());
      assertEquals("CURRENT_TIMESTAMP(3)", ts.defaultExpr());
      assertEquals("CURRENT_TIMESTAMP(3)", ts.attrs().get("on_update"));
      assertEquals("uuid()", p.column("uid").orElseThrow().defaultExpr());
      Column twice = p.column("twice").orElseThrow();
      assertEquals("VIRTUAL", twice.generated().kind());
      assertTrue(twice.generated().expr().contains("`id` * 2"));
      Column hidden = p.column("hidden").orElseThrow();
      assertTrue(hidden.attrs().flag("invisible"));
      assertEquals("shh", hidden.comment());
      assertEquals(1, p.checks().size(), "the JSON check is folded into the json type");
      assertEquals("positive", p.checks().get(0).name());
      Index uk = p.index("uk_code").orElseThrow();
      assertTrue(uk.unique());
      Index label = p.index("idx_label").orElseThrow();
      assertEquals("5", label.parts().get(0).attrs().get("prefix"));
      assertTrue(label.parts().get(0).desc());
      assertEquals("ratio", label.parts().get(1).column());
      assertEquals("FULLTEXT", p.index("ft_label").orElseThrow().attrs().get("index_type"));
      Table child = s.table("child").orElseThrow();
      assertEquals("latin1", child.attrs().get("charset"));
      ForeignKey fk = child.foreignKeys().get(0);
      assertEquals("fk_parent", fk.name());
      assertEquals("parent", fk.refTable());
      assertNull(fk.refSchema());
      assertEquals("CASCADE", fk.onDelete());
      assertNull(fk.onUpdate(), "RESTRICT is the default");
      assertEquals(1, s.views().size());
      assertEquals("INVOKER", s.views().get(0).attrs().get("security"));
      assertEquals("CASCADED", s.views().get(0).attrs().get("check_option"));
      assertFalse(s.views().get(0).definition().contains(db.name()), "view bodies are unqualified");
      assertEquals(
          "CREATE TRIGGER `trg` BEFORE INSERT ON `child` FOR EACH ROW SET NEW.id = NEW.id + 1",
          s.triggers().get(0).definition());
      SchemaObject.Routine fn = (SchemaObject.Routine) s.object("function", "twice").orElseThrow();
      assertTrue(fn.definition().startsWith("CREATE FUNCTION `twice`(`a` int"), fn.definition());
      SchemaObject.Routine ev =
          (SchemaObject.Routine)
              s.objects().stream().filter(o -> o.name().equals("ev")).findFirst().orElseThrow();
      assertEquals("event", ev.attrs().get("kind"));
      assertTrue(
          ev.definition().contains("EVERY 1 DAY") && ev.definition().contains("COMMENT 'nightly'"),
          ev.definition());
    }
  }
}
