package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Pos;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * The operators HCL allows in expressions, over evaluated values: negation and {@code !}, the
 * arithmetic operators on numbers, comparison, equality and the logical operators. A negated
 * literal keeps its source text ({@code -1.50}), so that number defaults survive a round trip.
 */
final class Arithmetic {
  private Arithmetic() {}

  static Value unary(String op, Value v, Pos pos) {
    if (op.equals("-") && v instanceof Value.Num n) {
      String t = n.text();
      return new Value.Num(t.startsWith("-") ? t.substring(1) : "-" + t, pos);
    } else if (op.equals("!") && v instanceof Value.Bool b) {
      return new Value.Bool(!b.value(), pos);
    }
    throw new InputException(pos, "operator " + op + " cannot apply to " + Value.describe(v));
  }

  static Value binary(String op, Value l, Value r, Pos pos) {
    switch (op) {
      case "==":
        return new Value.Bool(same(l, r), pos);
      case "!=":
        return new Value.Bool(!same(l, r), pos);
      case "&&":
      case "||":
        if (l instanceof Value.Bool a && r instanceof Value.Bool b) {
          return new Value.Bool(
              op.equals("&&") ? a.value() && b.value() : a.value() || b.value(), pos);
        }
        throw new InputException(pos, "operator " + op + " needs two bools");
      default:
        break;
    }
    if (!(l instanceof Value.Num a) || !(r instanceof Value.Num b)) {
      throw new InputException(pos, "operator " + op + " needs two numbers");
    }
    BigDecimal x = new BigDecimal(a.text());
    BigDecimal y = new BigDecimal(b.text());
    switch (op) {
      case "+":
        return num(x.add(y), pos);
      case "-":
        return num(x.subtract(y), pos);
      case "*":
        return num(x.multiply(y), pos);
      case "/":
      case "%":
        if (y.signum() == 0) {
          throw new InputException(pos, "division by zero");
        }
        return num(op.equals("/") ? x.divide(y, MathContext.DECIMAL64) : x.remainder(y), pos);
      case "<":
        return new Value.Bool(x.compareTo(y) < 0, pos);
      case "<=":
        return new Value.Bool(x.compareTo(y) <= 0, pos);
      case ">":
        return new Value.Bool(x.compareTo(y) > 0, pos);
      case ">=":
        return new Value.Bool(x.compareTo(y) >= 0, pos);
      default:
        throw new InputException(pos, "unsupported operator " + op);
    }
  }

  private static Value num(BigDecimal d, Pos pos) {
    BigDecimal s = d.stripTrailingZeros();
    return new Value.Num(s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString(), pos);
  }

  private static boolean same(Value l, Value r) {
    if (l instanceof Value.Num a && r instanceof Value.Num b) {
      return new BigDecimal(a.text()).compareTo(new BigDecimal(b.text())) == 0;
    }
    return Objects.equals(Value.at(l, null), Value.at(r, null));
  }
}
