package dev.strata.gitops;

/** The seed's schemas and the minimal repository layout used by the end-to-end tests. */
public final class Fixtures {
  private Fixtures() {}

  public static final String CONFIG = "autoapply: true\n";

  public static final String PROJECT =
      """
      env "dev" {
        url = getenv("DEV_DATABASE_URL")
        src = "file://schema.hcl"
      }
      """;

  public static final String EMPTY = "schema \"main\" {\n}\n";

  private static final String USERS =
      """
      schema "main" {
      }

      table "users" {
        schema = schema.main
        column "id" {
          type = uuid
        }
        column "name" {
          type = varchar(255)
        }
        column "is_admin" {
          type    = boolean
          default = false
        }
      %s  primary_key {
          columns = [column.id]
        }
      }
      """;

  /** PR 1: create users. */
  public static final String V1 = USERS.formatted("");

  /** PR 2: add created_at and last_login. */
  public static final String V2 =
      USERS.formatted(
          """
            column "created_at" {
              type    = timestamp
              default = sql("CURRENT_TIMESTAMP")
            }
            column "last_login" {
              type = timestamp
              null = true
            }
          """);
}
