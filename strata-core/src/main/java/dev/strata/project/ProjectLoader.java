package dev.strata.project;

import dev.strata.InputException;
import dev.strata.dialect.DbUrl;
import dev.strata.hcl.Ast;
import dev.strata.hcl.HclParser;
import dev.strata.lint.Category;
import dev.strata.lint.Code;
import dev.strata.lint.rules.NamingRule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decodes {@code strata.hcl}. Order: {@code variable} blocks take their {@code --var} value or
 * default (converted to the declared type), {@code locals} are evaluated on demand, then {@code
 * env}, {@code lint} and {@code diff} blocks are decoded strictly: an unknown block or attribute is
 * a positioned {@link InputException} ({@code strata.hcl:3:3: unknown attribute "urll" in env
 * "dev"}). File references and SQLite paths are resolved against the project file's directory.
 */
public final class ProjectLoader {
  private final Map<String, String> varValues;
  private final Map<String, String> env;

  /** {@code vars} are the {@code --var name=value} pairs; {@code env} the process environment. */
  public ProjectLoader(Map<String, String> vars, Map<String, String> env) {
    this.varValues = Map.copyOf(vars);
    this.env = env;
  }

  public Project load(Path file) {
    String src;
    try {
      src = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("reading project file " + file + ": " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return decode(HclParser.parse(src, file.getFileName().toString()), dir);
  }

  /** Decodes a parsed project file whose relative paths are relative to {@code dir}. */
  public Project decode(Ast.Body body, Path dir) {
    for (Ast.Attribute a : body.attributes()) {
      throw new InputException(
          a.pos(), "unexpected attribute \"" + a.name() + "\" at the top level");
    }
    Map<String, Ast.Attribute> locals = new LinkedHashMap<>();
    for (Ast.Block b : body.blocks()) {
      if (!Set.of("env", "lint", "diff", "variable", "locals").contains(b.type())) {
        throw new InputException(
            b.pos(),
            "unknown block \"" + b.type() + "\" (expected env, lint, diff, variable or locals)");
      }
      if (b.type().equals("locals")) {
        for (Ast.Attribute a : b.body().attributes()) {
          if (locals.put(a.name(), a) != null) {
            throw new InputException(a.pos(), "local \"" + a.name() + "\" is defined twice");
          }
        }
      }
    }
    ProjectEval eval = new ProjectEval(variables(body), locals, env);
    Map<String, Env> envs = new LinkedHashMap<>();
    for (Ast.Block b : body.blocks("env")) {
      String name = label(b, "env");
      if (envs.put(name, env(b, name, eval, dir)) != null) {
        throw new InputException(b.pos(), "env \"" + name + "\" is defined twice");
      }
    }
    LintConfig lint = LintConfig.DEFAULT;
    for (Ast.Block b : body.blocks("lint")) {
      lint = LintBlock.decode(b, eval);
    }
    DiffConfig diff = DiffConfig.DEFAULT;
    for (Ast.Block b : body.blocks("diff")) {
      diff = diff(b, eval);
    }
    return new Project(dir, envs, lint, diff);
  }

  private Map<String, Object> variables(Ast.Body body) {
    Map<String, Object> out = new HashMap<>();
    ProjectEval constants = new ProjectEval(Map.of(), Map.of(), env);
    for (Ast.Block b : body.blocks("variable")) {
      String name = label(b, "variable");
      String type = "string";
      Ast.Expr def = null;
      for (Ast.Attribute a : b.body().attributes()) {
        switch (a.name()) {
          case "type" -> type = typeName(a.value());
          case "default" -> def = a.value();
          case "description" -> {}
          default -> throw unknown(a, "variable \"" + name + "\"");
        }
      }
      if (varValues.containsKey(name)) {
        out.put(name, convert(varValues.get(name), type, name));
      } else if (def != null) {
        out.put(name, constants.eval(def));
      } else {
        throw new InputException(
            b.pos(),
            "variable \""
                + name
                + "\" has no value: pass --var "
                + name
                + "=VALUE or give it a default");
      }
    }
    for (String given : varValues.keySet()) {
      if (!out.containsKey(given)) {
        throw new InputException(
            "--var " + given + ": the project file declares no variable \"" + given + "\"");
      }
    }
    return out;
  }

  private static String typeName(Ast.Expr e) {
    if (e instanceof Ast.Traversal t
        && t.names().size() == 1
        && Set.of("string", "number", "bool").contains(t.names().get(0))) {
      return t.names().get(0);
    }
    throw new InputException(e.pos(), "variable type must be string, number or bool");
  }

  private static Object convert(String value, String type, String name) {
    switch (type) {
      case "number" -> {
        try {
          return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
          throw new InputException("--var " + name + ": \"" + value + "\" is not a number");
        }
      }
      case "bool" -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new InputException("--var " + name + ": expected true or false");
        }
        return Boolean.valueOf(value);
      }
      default -> {
        return value;
      }
    }
  }

  private Env env(Ast.Block b, String name, ProjectEval eval, Path dir) {
    String url = null;
    String dev = null;
    List<String> src = List.of();
    List<String> schemas = List.of();
    List<String> exclude = List.of();
    String revisions = null;
    noBlocks(b, "env \"" + name + "\"");
    for (Ast.Attribute a : b.body().attributes()) {
      switch (a.name()) {
        case "url" -> url = Paths.resolveUrl(noPassword(a, eval, name), dir);
        case "dev" -> dev = Paths.resolveUrl(noPassword(a, eval, name), dir);
        case "src" ->
            src =
                eval.strings(a.value(), "src").stream()
                    .map(s -> Paths.resolveSource(s, dir))
                    .toList();
        case "schemas" -> schemas = eval.strings(a.value(), "schemas");
        case "exclude" -> exclude = eval.strings(a.value(), "exclude");
        case "revisions_schema" -> revisions = eval.string(a.value(), "revisions_schema");
        default -> throw unknown(a, "env \"" + name + "\"");
      }
    }
    if (url == null) {
      throw new InputException(b.pos(), "env \"" + name + "\" needs a url");
    }
    return new Env(name, url, dev, src, schemas, exclude, revisions);
  }

  /**
   * The value of a {@code url} or {@code dev} attribute, refused when it carries a password that
   * the file itself spells out (literally, in a variable default or a local) rather than taking it
   * from the environment ({@code getenv}) or the command line ({@code --var}): project files are
   * committed, credentials must not be. The message never shows the password.
   */
  private String noPassword(Ast.Attribute a, ProjectEval eval, String envName) {
    String value = eval.string(a.value(), a.name());
    String password;
    try {
      DbUrl u = DbUrl.parse(value);
      password = u.password() != null ? u.password() : u.params().get("password");
    } catch (InputException e) {
      return value; // not a URL this parser knows; the command that uses it reports it
    }
    if (password == null
        || password.isEmpty()
        || eval.fromEnvironment(password)
        || varValues.values().stream().anyMatch(v -> v.contains(password))) {
      return value;
    }
    throw new InputException(
        a.pos(),
        "env \""
            + envName
            + "\": the "
            + (a.name().equals("dev") ? "dev url" : "url")
            + " has a password written in the project file; take credentials from the"
            + " environment instead, e.g. "
            + a.name()
            + " = getenv(\""
            + envName.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
            + "_DATABASE_URL\")");
  }

  private static DiffConfig diff(Ast.Block b, ProjectEval eval) {
    Set<String> skip = new HashSet<>();
    boolean create = false;
    boolean drop = false;
    for (Ast.Attribute a : b.body().attributes()) {
      throw unknown(a, "diff");
    }
    for (Ast.Block inner : b.body().blocks()) {
      if (inner.type().equals("skip")) {
        noBlocks(inner, "diff.skip");
        for (Ast.Attribute a : inner.body().attributes()) {
          if (!DiffConfig.SKIP_KINDS.contains(a.name())) {
            throw new InputException(
                a.pos(), "unknown change kind \"" + a.name() + "\" in diff.skip");
          }
          if (eval.bool(a.value(), a.name())) {
            skip.add(a.name());
          }
        }
      } else if (inner.type().equals("concurrent_index")) {
        noBlocks(inner, "diff.concurrent_index");
        for (Ast.Attribute a : inner.body().attributes()) {
          switch (a.name()) {
            case "create" -> create = eval.bool(a.value(), "create");
            case "drop" -> drop = eval.bool(a.value(), "drop");
            default -> throw unknown(a, "diff.concurrent_index");
          }
        }
      } else {
        throw new InputException(
            inner.pos(),
            "unknown block \"" + inner.type() + "\" in diff (expected skip or concurrent_index)");
      }
    }
    return new DiffConfig(skip, create, drop);
  }

  static String label(Ast.Block b, String what) {
    if (b.labels().size() != 1) {
      throw new InputException(
          b.pos(), what + " block needs exactly one name: " + what + " \"name\" { ... }");
    }
    return b.labels().get(0);
  }

  static void noBlocks(Ast.Block b, String where) {
    for (Ast.Block inner : b.body().blocks()) {
      throw new InputException(inner.pos(), "unknown block \"" + inner.type() + "\" in " + where);
    }
  }

  static InputException unknown(Ast.Attribute a, String where) {
    return new InputException(a.pos(), "unknown attribute \"" + a.name() + "\" in " + where);
  }

  /** Decoding of the lint block, kept apart for size. */
  static final class LintBlock {
    private LintBlock() {}

    static LintConfig decode(Ast.Block b, ProjectEval eval) {
      Map<Category, Boolean> errors = new LinkedHashMap<>();
      List<NamingRule> naming = new ArrayList<>();
      List<String> allow = new ArrayList<>();
      for (Ast.Attribute a : b.body().attributes()) {
        if (!a.name().equals("allow")) {
          throw unknown(a, "lint");
        }
        for (String s : eval.strings(a.value(), "allow")) {
          if (Code.byName(s) == null && Category.byKey(s) == null) {
            throw new InputException(
                a.value().pos(), "unknown lint code or category \"" + s + "\"");
          }
          allow.add(s);
        }
      }
      for (Ast.Block inner : b.body().blocks()) {
        Category cat = Category.byKey(inner.type());
        if (cat == null) {
          throw new InputException(
              inner.pos(),
              "unknown block \""
                  + inner.type()
                  + "\" in lint (expected destructive, data_dependent, incompatible, locking, naming or rename)");
        }
        for (Ast.Attribute a : inner.body().attributes()) {
          switch (a.name()) {
            case "error" -> errors.put(cat, eval.bool(a.value(), "error"));
            case "match", "message" -> {
              if (cat != Category.NAMING) {
                throw unknown(a, "lint." + inner.type());
              }
            }
            default -> throw unknown(a, "lint." + inner.type());
          }
        }
        if (cat == Category.NAMING) {
          naming.addAll(naming(inner, eval));
        } else {
          noBlocks(inner, "lint." + inner.type());
        }
      }
      return new LintConfig(errors, naming, allow);
    }

    private static List<NamingRule> naming(Ast.Block b, ProjectEval eval) {
      List<NamingRule> out = new ArrayList<>();
      for (Ast.Block kind : b.body().blocks()) {
        if (!NamingRule.KINDS.contains(kind.type())) {
          throw new InputException(
              kind.pos(),
              "unknown object kind \""
                  + kind.type()
                  + "\" in lint.naming (expected table, column, index, foreign_key, check or view)");
        }
        noBlocks(kind, "lint.naming." + kind.type());
        for (Ast.Attribute a : kind.body().attributes()) {
          if (!a.name().equals("match") && !a.name().equals("message")) {
            throw unknown(a, "lint.naming." + kind.type());
          }
        }
        rule(kind.type(), kind.body(), eval).ifPresent(out::add);
      }
      rule("any", b.body(), eval).ifPresent(out::add);
      return out;
    }

    private static java.util.Optional<NamingRule> rule(
        String kind, Ast.Body body, ProjectEval eval) {
      Ast.Attribute match = body.attribute("match").orElse(null);
      if (match == null) {
        return java.util.Optional.empty();
      }
      String regex = eval.string(match.value(), "match");
      String message =
          body.attribute("message").map(m -> eval.string(m.value(), "message")).orElse(null);
      try {
        return java.util.Optional.of(new NamingRule(kind, Pattern.compile(regex), message));
      } catch (PatternSyntaxException e) {
        throw new InputException(
            match.value().pos(), "bad regular expression: " + e.getDescription());
      }
    }
  }
}
