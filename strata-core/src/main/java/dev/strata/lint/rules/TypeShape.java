package dev.strata.lint.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a column type text says about the values it can hold, as far as narrowing checks need it:
 * strings with an optional maximum length, integers with their range, inline enums with their
 * values, and everything else. Parsing is by name, so it serves every dialect's spelling ({@code
 * int4}, {@code character varying(32)}, {@code bigint unsigned}, {@code enum('a','b')}).
 */
public record TypeShape(
    TypeShape.Family family, Integer length, BigInteger min, BigInteger max, List<String> values) {

  /** The broad kind of a type. */
  public enum Family {
    STRING,
    INTEGER,
    ENUM,
    OTHER
  }

  private static final Pattern SIZED = Pattern.compile("^([a-z0-9_ ]+?)\\s*\\(\\s*(\\d+)\\s*\\)$");
  private static final Pattern ENUM_VALUE = Pattern.compile("'((?:[^']|'')*)'");

  public TypeShape {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** The shape of a type text; unknown types are {@link Family#OTHER}. */
  public static TypeShape parse(String type) {
    String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (t.startsWith("enum(") || t.startsWith("enum (")) {
      List<String> vals = new ArrayList<>();
      Matcher m = ENUM_VALUE.matcher(t.substring(t.indexOf('(')));
      while (m.find()) {
        vals.add(m.group(1).replace("''", "'"));
      }
      return new TypeShape(Family.ENUM, null, null, null, vals);
    }
    boolean unsigned = t.contains(" unsigned");
    t = t.replace(" unsigned", "").replace(" zerofill", "").trim();
    String base = t;
    Integer len = null;
    Matcher m = SIZED.matcher(t);
    if (m.matches()) {
      base = m.group(1).trim();
      len = Integer.valueOf(m.group(2));
    }
    switch (base) {
      case "varchar",
          "character varying",
          "nvarchar",
          "varchar2",
          "char",
          "character",
          "nchar",
          "bpchar",
          "varying character",
          "native character" -> {
        return new TypeShape(Family.STRING, len, null, null, null);
      }
      case "text", "clob", "tinytext", "mediumtext", "longtext", "string" -> {
        Integer cap = base.equals("tinytext") ? Integer.valueOf(255) : null;
        return new TypeShape(Family.STRING, cap, null, null, null);
      }
      default -> {
        int bytes = intBytes(base);
        if (bytes > 0) {
          return integer(bytes, unsigned);
        }
        return new TypeShape(Family.OTHER, len, null, null, null);
      }
    }
  }

  private static int intBytes(String base) {
    return switch (base) {
      case "tinyint", "int1" -> 1;
      case "smallint", "int2", "smallserial", "serial2" -> 2;
      case "mediumint", "int3" -> 3;
      case "int", "integer", "int4", "serial", "serial4" -> 4;
      case "bigint", "int8", "bigserial", "serial8" -> 8;
      default -> 0;
    };
  }

  private static TypeShape integer(int bytes, boolean unsigned) {
    BigInteger span = BigInteger.TWO.pow(bytes * 8);
    if (unsigned) {
      return new TypeShape(
          Family.INTEGER, null, BigInteger.ZERO, span.subtract(BigInteger.ONE), null);
    }
    BigInteger half = span.shiftRight(1);
    return new TypeShape(Family.INTEGER, null, half.negate(), half.subtract(BigInteger.ONE), null);
  }

  /** Whether every value of {@code from} fits this type without a check of the data. */
  public boolean holdsAll(TypeShape from) {
    if (family != from.family) {
      return false;
    }
    return switch (family) {
      case STRING -> length == null || (from.length != null && from.length <= length);
      case INTEGER -> min.compareTo(from.min) <= 0 && max.compareTo(from.max) >= 0;
      case ENUM -> values.containsAll(from.values);
      case OTHER -> false;
    };
  }

  /** The values of {@code from} (an enum) that this enum no longer has, in order. */
  public List<String> removedFrom(TypeShape from) {
    return from.values.stream().filter(v -> !values.contains(v)).toList();
  }
}
