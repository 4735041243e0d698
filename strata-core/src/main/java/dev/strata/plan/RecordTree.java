package dev.strata.plan;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the model's records to plain trees (maps, lists, strings, numbers, booleans) and back,
 * so that a schema can be stored in a plan file and hashed. Records become maps of their non-null
 * components; a value whose declared type is a sealed interface carries its record's simple name
 * under {@code "@type"}. Reading walks the declared generic types of the record components (lists,
 * string maps, records, sealed interfaces, strings, booleans, numbers).
 */
final class RecordTree {
  static final String TYPE = "@type";

  private RecordTree() {}

  /** The tree of a value; map keys of records are sorted so the tree has one spelling. */
  static Object toTree(Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    } else if (v instanceof Enum<?> e) {
      return e.name();
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), toTree(x)));
      return out;
    } else if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(toTree(x)));
      return out;
    } else if (v.getClass().isRecord()) {
      Map<String, Object> out = new TreeMap<>();
      for (RecordComponent rc : v.getClass().getRecordComponents()) {
        Object f = invoke(rc, v);
        if (f != null) {
          out.put(rc.getName(), toTree(f));
        }
      }
      if (v.getClass().getInterfaces().length > 0 && v.getClass().getInterfaces()[0].isSealed()) {
        out.put(TYPE, v.getClass().getSimpleName());
      }
      return out;
    }
    return v.toString();
  }

  /** The value of declared type {@code type} read from a tree. */
  static Object fromTree(Type type, Object tree) {
    if (tree == null) {
      return type == boolean.class
          ? Boolean.FALSE
          : type == int.class || type == long.class ? zero(type) : null;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
        List<Object> out = new ArrayList<>();
        for (Object x : (List<?>) tree) {
          out.add(fromTree(p.getActualTypeArguments()[0], x));
        }
        return raw == java.util.Set.class ? new java.util.LinkedHashSet<>(out) : out;
      }
      if (Map.class.isAssignableFrom(raw)) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) tree)
            .forEach((k, x) -> out.put((String) k, fromTree(p.getActualTypeArguments()[1], x)));
        return out;
      }
      type = raw;
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return tree.toString();
    } else if (c == boolean.class || c == Boolean.class) {
      return tree;
    } else if (c == int.class || c == Integer.class) {
      return ((BigDecimal) tree).intValueExact();
    } else if (c == long.class || c == Long.class) {
      return ((BigDecimal) tree).longValueExact();
    } else if (c.isEnum()) {
      return enumValue(c, tree.toString());
    } else if (c.isInterface() && c.isSealed()) {
      String name = (String) ((Map<?, ?>) tree).get(TYPE);
      for (Class<?> sub : c.getPermittedSubclasses()) {
        if (sub.getSimpleName().equals(name)) {
          return fromTree(sub, tree);
        }
      }
      throw new IllegalArgumentException("unknown " + c.getSimpleName() + " type " + name);
    } else if (c.isRecord()) {
      Map<?, ?> m = (Map<?, ?>) tree;
      RecordComponent[] rcs = c.getRecordComponents();
      Object[] args = new Object[rcs.length];
      Class<?>[] types = new Class<?>[rcs.length];
      for (int k = 0; k < rcs.length; k++) {
        types[k] = rcs[k].getType();
        args[k] = fromTree(rcs[k].getGenericType(), m.get(rcs[k].getName()));
      }
      try {
        Constructor<?> ctor = c.getDeclaredConstructor(types);
        return ctor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot build " + c.getSimpleName() + ": " + e, e);
      }
    }
    throw new IllegalArgumentException("cannot read a " + c.getName());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> c, String name) {
    return Enum.valueOf((Class) c, name);
  }

  private static Object zero(Type t) {
    return t == int.class ? (Object) 0 : (Object) 0L;
  }

  private static Object invoke(RecordComponent rc, Object v) {
    try {
      return rc.getAccessor().invoke(v);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
