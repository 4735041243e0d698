package dev.strata.plan;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.json.Json;
import dev.strata.json.JsonReader;
import dev.strata.lint.Code;
import dev.strata.lint.Diagnostic;
import dev.strata.lint.LintRender;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.lint.impact.Impact;
import dev.strata.model.Realm;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stored plan ({@code strata schema plan --out plan.json}): the statements with their reverse,
 * the lint report, the impact estimate, the hashes of the schema it starts from and the one it
 * produces, the starting schema itself (so the drift guard can say what changed), the target URL
 * with its password masked and the creation time. {@link #hash()} identifies the plan in the
 * revision log.
 */
public record PlanFile(
    String createdAt,
    String target,
    String dialect,
    String fromHash,
    String toHash,
    boolean transactional,
    List<Statement> statements,
    LintReport lint,
    List<Impact> impact,
    Realm from) {
  /** The format version written in every file. */
  public static final int VERSION = 1;

  public PlanFile {
    statements = List.copyOf(statements);
    impact = List.copyOf(impact);
    lint = lint == null ? LintReport.EMPTY : lint;
  }

  /** A plan file for {@code plan} from {@code from} to {@code to}, made at {@code now}. */
  public static PlanFile of(
      Plan plan,
      Realm from,
      Realm to,
      DbUrl target,
      String dialect,
      LintReport lint,
      List<Impact> impact,
      Instant now) {
    return new PlanFile(
        now.toString(),
        target == null ? null : DbUrl.mask(target.raw()),
        dialect,
        SchemaHash.of(from),
        SchemaHash.of(to),
        plan.transactional(),
        plan.statements(),
        lint,
        impact,
        from);
  }

  /** The plan to execute: exactly the stored statements (no typed changes). */
  public Plan plan() {
    return new Plan(List.of(), statements, transactional);
  }

  /** SHA-256 of the statements and the two schema hashes: what the revision log records. */
  public String hash() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fromHash", fromHash);
    m.put("toHash", toHash);
    m.put("statements", statements);
    return SchemaHash.sha256(Json.write(m));
  }

  /** The pretty-printed JSON of this file. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("createdAt", createdAt);
    m.put("target", target);
    m.put("dialect", dialect);
    m.put("fromHash", fromHash);
    m.put("toHash", toHash);
    m.put("transactional", transactional);
    m.put("statements", statements);
    m.put("lint", lint.diagnostics().stream().map(LintRender::diagnostic).toList());
    m.put("impact", impact);
    m.put("from", from == null ? null : RecordTree.toTree(from));
    m.values().removeIf(java.util.Objects::isNull);
    return Json.write(m) + "\n";
  }

  public void write(Path path) {
    try {
      Files.writeString(path, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException("writing plan file " + path + ": " + e.getMessage(), e);
    }
  }

  public static PlanFile read(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new InputException("reading plan file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Parses a plan file; {@code file} names it in errors. */
  public static PlanFile parse(String json, String file) {
    Object tree = JsonReader.parse(json, file);
    if (!(tree instanceof Map<?, ?> m) || !m.containsKey("statements")) {
      throw new InputException(file + ": not a Strata plan file (no \"statements\")");
    }
    Object v = m.get("version");
    if (!(v instanceof BigDecimal n) || n.intValue() != VERSION) {
      throw new InputException(
          file + ": unsupported plan file version " + v + " (expected " + VERSION + ")");
    }
    try {
      List<Statement> statements = new ArrayList<>();
      for (Object s : list(m.get("statements"))) {
        statements.add((Statement) RecordTree.fromTree(Statement.class, s));
      }
      List<Diagnostic> lint = new ArrayList<>();
      for (Object d : list(m.get("lint"))) {
        lint.add(diagnostic((Map<?, ?>) d));
      }
      List<Impact> impact = new ArrayList<>();
      for (Object i : list(m.get("impact"))) {
        impact.add((Impact) RecordTree.fromTree(Impact.class, i));
      }
      Realm from =
          m.get("from") == null ? null : (Realm) RecordTree.fromTree(Realm.class, m.get("from"));
      return new PlanFile(
          (String) m.get("createdAt"),
          (String) m.get("target"),
          (String) m.get("dialect"),
          (String) m.get("fromHash"),
          (String) m.get("toHash"),
          !Boolean.FALSE.equals(m.get("transactional")),
          statements,
          new LintReport(lint),
          impact,
          from);
    } catch (RuntimeException e) {
      if (e instanceof InputException) {
        throw e;
      }
      throw new InputException(file + ": malformed plan file: " + e.getMessage(), e);
    }
  }

  private static Diagnostic diagnostic(Map<?, ?> d) {
    Code code = Code.byName((String) d.get("code"));
    if (code == null) {
      throw new InputException("unknown lint code " + d.get("code"));
    }
    Object st = d.get("statement");
    return new Diagnostic(
        code,
        Severity.valueOf(((String) d.get("severity")).toUpperCase(Locale.ROOT)),
        (String) d.get("message"),
        st == null ? null : ((BigDecimal) st).intValue(),
        (String) d.get("object"));
  }

  private static List<?> list(Object o) {
    return o == null ? List.of() : (List<?>) o;
  }
}
