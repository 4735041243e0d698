package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Index;
import dev.strata.model.Realm;
import dev.strata.schemahcl.SchemaHclDecoder;
import dev.strata.schemahcl.SchemaHclEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FULLTEXT {@code WITH PARSER}: reading the parser from the server's {@code SHOW CREATE TABLE}
 * (MySQL and MariaDB spellings; the local MariaDB has no parser plugin to create one), the HCL
 * {@code parser} attribute, and the inspector's SHOW CREATE TABLE path on a live FULLTEXT index
 * without a parser. The generated SQL is in the {@code fulltext_parser} golden files.
 */
class MysqlFulltextParserTest {
  @Test
  void readsParsersFromMysqlAndMariadbShowCreateTable() {
    String mysql =
        "CREATE TABLE `articles` (\n"
            + "  `id` int NOT NULL AUTO_INCREMENT,\n"
            + "  `title` varchar(200) DEFAULT NULL,\n"
            + "  `body` text,\n"
            + "  PRIMARY KEY (`id`),\n"
            + "  FULLTEXT KEY `ft_title` (`title`),\n"
            + "  FULLTEXT KEY `ft_body` (`title`,`body`) /*!50100 WITH PARSER `ngram` */ \n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    assertEquals(Map.of("ft_body", "ngram"), MysqlKeys.fulltextParsers(mysql));
    String maria =
        "CREATE TABLE `a` (\n"
            + "  `b` text DEFAULT NULL,\n"
            + "  FULLTEXT KEY `we``ird` (`b`) WITH PARSER `simple_parser`,\n"
            + "  FULLTEXT KEY `plain` (`b`) COMMENT 'WITH PARSER x'\n"
            + ") ENGINE=InnoDB";
    Map<String, String> p = MysqlKeys.fulltextParsers(maria);
    assertEquals("simple_parser", p.get("we`ird"));
    assertEquals(1, p.size(), "a comment is not a parser: " + p);
    assertTrue(MysqlKeys.fulltextParsers(null).isEmpty());
  }

  @Test
  void hclParserAttributeRoundTrips() {
    String hcl =
        """
        schema "app" {}
        table "articles" {
          schema = schema.app
          column "body" {
            null = true
            type = text
          }
          index "ft_body" {
            columns = [column.body]
            type    = FULLTEXT
            parser  = ngram
          }
        }
        """;
    Realm r = SchemaHclDecoder.decodeSources(Map.of("s.hcl", hcl), Map.of(), "mysql");
    Index i = r.schemas().get(0).tables().get(0).indexes().get(0);
    assertEquals("ngram", i.attrs().get("parser"));
    assertEquals("FULLTEXT", i.attrs().get("index_type"));
    String text = SchemaHclEncoder.encode(r, "mysql");
    assertTrue(text.contains("parser"), text);
    assertEquals(r, SchemaHclDecoder.decodeSources(Map.of("s.hcl", text), Map.of(), "mysql"));
  }

  @Test
  void inspectsFulltextIndexesWithoutParserOnTheLocalServer() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE a (id int PRIMARY KEY, b text, c text, FULLTEXT KEY ft_b (b),"
              + " FULLTEXT KEY ft_bc (b, c))");
      Strata s = MysqlApplyTest.strata(db);
      var t = s.inspect(db.url()).schemas().get(0).table("a").orElseThrow();
      assertEquals(2, t.indexes().size());
      for (Index i : t.indexes()) {
        assertEquals("FULLTEXT", i.attrs().get("index_type"));
        assertNull(i.attrs().get("parser"));
      }
    }
  }
}
