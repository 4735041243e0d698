package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.Pos;
import dev.strata.model.Attrs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed, checked access to one block: on construction it rejects attributes and nested blocks its
 * {@link BlockSpec} does not allow; its getters evaluate attributes and fail with a positioned
 * message when a value has the wrong type ({@code null must be a bool}) or a required attribute is
 * missing ({@code column "id": missing type}).
 */
final class BlockReader {
  private final Ast.Block block;
  private final BlockSpec spec;
  private final Evaluator eval;
  private final Map<String, Ast.Attribute> attributes = new HashMap<>();

  BlockReader(Ast.Block block, BlockSpec spec, Evaluator eval) {
    this.block = block;
    this.spec = spec;
    this.eval = eval;
    for (Ast.Attribute a : block.body().attributes()) {
      if (!spec.allowsAttribute(a.name())) {
        throw new InputException(
            a.pos(), "unknown attribute \"" + a.name() + "\" in " + describe());
      }
      if (attributes.putIfAbsent(a.name(), a) != null) {
        throw new InputException(
            a.pos(), "duplicate attribute \"" + a.name() + "\" in " + describe());
      }
    }
    for (Ast.Block b : block.body().blocks()) {
      if (!spec.blocks().contains(b.type())) {
        throw new InputException(b.pos(), "unknown block \"" + b.type() + "\" in " + describe());
      }
    }
  }

  /** {@code column "id"}, {@code primary_key}: how messages name this block. */
  String describe() {
    StringBuilder sb = new StringBuilder(block.type());
    for (String l : block.labels()) {
      sb.append(" \"").append(l).append('"');
    }
    return sb.toString();
  }

  Pos pos() {
    return block.pos();
  }

  Ast.Block block() {
    return block;
  }

  /** The single label (the object's name); anything else is an error. */
  String label() {
    if (block.labels().size() != 1) {
      throw new InputException(
          block.pos(), block.type() + " block needs exactly one label (its name)");
    }
    return block.labels().get(0);
  }

  /** The label if there is one, else null; more than one is an error. */
  String optionalLabel() {
    if (block.labels().size() > 1) {
      throw new InputException(block.pos(), block.type() + " block takes at most one label");
    }
    return block.labels().isEmpty() ? null : block.labels().get(0);
  }

  List<Ast.Block> blocks(String type) {
    return block.body().blocks(type);
  }

  boolean has(String name) {
    return value(name).isPresent();
  }

  /** The evaluated attribute; absent or {@code null} gives empty. */
  Optional<Value> value(String name) {
    Ast.Attribute a = attributes.get(name);
    if (a == null) {
      return Optional.empty();
    }
    Value v = eval.eval(a.value());
    return v instanceof Value.Null ? Optional.empty() : Optional.of(v);
  }

  Value required(String name) {
    return value(name).orElseThrow(() -> missing(name));
  }

  InputException missing(String name) {
    return new InputException(block.pos(), describe() + ": missing " + name);
  }

  boolean bool(String name, boolean absent) {
    Optional<Value> v = value(name);
    if (v.isEmpty()) {
      return absent;
    }
    if (v.get() instanceof Value.Bool b) {
      return b.value();
    }
    throw new InputException(v.get().pos(), name + " must be a bool");
  }

  /** A string attribute, or null when absent. */
  String string(String name) {
    return value(name).map(v -> asString(name, v)).orElse(null);
  }

  static String asString(String name, Value v) {
    if (v instanceof Value.Str s) {
      return s.value();
    }
    throw new InputException(v.pos(), name + " must be a string");
  }

  /** A bare word or a string ({@code CASCADE}, {@code "SET NULL"}), or null when absent. */
  String word(String name) {
    return value(name).map(v -> asWord(name, v)).orElse(null);
  }

  static String asWord(String name, Value v) {
    if (v instanceof Value.Ident i) {
      return i.name();
    } else if (v instanceof Value.Str s) {
      return s.value();
    }
    throw new InputException(v.pos(), name + " must be a word or a string");
  }

  /** A list attribute's items; absent gives an empty list. */
  List<Value> list(String name) {
    Optional<Value> v = value(name);
    if (v.isEmpty()) {
      return List.of();
    }
    if (v.get() instanceof Value.ListVal l) {
      return l.items();
    }
    throw new InputException(v.get().pos(), name + " must be a list");
  }

  /** The dialect extras present in this block, converted to their stored text. */
  Attrs extras() {
    Map<String, String> m = new TreeMap<>();
    for (var e : spec.extras().entrySet()) {
      Optional<Value> v = value(e.getKey());
      if (v.isEmpty()) {
        continue;
      }
      String name = e.getKey();
      String key = spec.key(name);
      switch (e.getValue()) {
        case FLAG -> {
          if (bool(name, false)) {
            m.put(key, "true");
          }
        }
        case BOOL -> m.put(key, Boolean.toString(bool(name, false)));
        case WORD -> m.put(key, asWord(name, v.get()));
        case STRING -> m.put(key, asString(name, v.get()));
        case NUMBER -> {
          if (!(v.get() instanceof Value.Num n)) {
            throw new InputException(v.get().pos(), name + " must be a number");
          }
          m.put(key, n.text());
        }
        case SQL -> {
          if (!(v.get() instanceof Value.Sql sql)) {
            throw new InputException(v.get().pos(), name + " must be sql(\"...\")");
          }
          m.put(key, sql.text());
        }
        default -> throw new IllegalStateException();
      }
    }
    return new Attrs(m);
  }
}
