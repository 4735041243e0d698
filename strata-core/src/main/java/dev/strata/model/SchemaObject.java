package dev.strata.model;

import java.util.List;

/**
 * A named schema object other than tables, views and triggers: sequences, user-defined types,
 * functions and procedures, extensions, row-level security policies. The Differ matches them by
 * kind and name and compares them with the dialect's {@code sameObject}; dialect planners render
 * them.
 */
public sealed interface SchemaObject
    permits SchemaObject.Sequence,
        SchemaObject.EnumType,
        SchemaObject.DomainType,
        SchemaObject.CompositeType,
        SchemaObject.Routine,
        SchemaObject.Extension,
        SchemaObject.Policy {

  String name();

  /** Kind word used in messages and ordering: "sequence", "enum", "function", ... */
  String kind();

  /** A sequence; null numbers mean the database default. */
  record Sequence(
      String name,
      String type,
      Long start,
      Long increment,
      Long min,
      Long max,
      Long cache,
      boolean cycle,
      String ownedBy,
      Attrs attrs)
      implements SchemaObject {
    public Sequence {
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String kind() {
      return "sequence";
    }
  }

  /** An enum type with its values in order. */
  record EnumType(String name, List<String> values, Attrs attrs) implements SchemaObject {
    public EnumType {
      values = List.copyOf(values);
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String kind() {
      return "enum";
    }
  }

  /** A domain: a base type with optional NOT NULL, default and checks. */
  record DomainType(
      String name,
      String type,
      boolean notNull,
      String defaultExpr,
      List<Check> checks,
      Attrs attrs)
      implements SchemaObject {
    public DomainType {
      checks = List.copyOf(checks);
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String kind() {
      return "domain";
    }
  }

  /** A composite type: named, typed fields. */
  record CompositeType(String name, List<Column> fields, Attrs attrs) implements SchemaObject {
    public CompositeType {
      fields = List.copyOf(fields);
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String kind() {
      return "composite";
    }
  }

  /**
   * A function, procedure or (MySQL) event. {@code name} includes the argument types when the
   * dialect allows overloading ("add(integer, integer)"); {@code definition} is the full CREATE
   * statement as the database renders it. An event carries attribute {@code kind=event} and has
   * kind "event", so a function and an event of the same name are different objects (MySQL keeps
   * them in separate namespaces).
   */
  record Routine(String name, boolean procedure, String definition, Attrs attrs)
      implements SchemaObject {
    public Routine {
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String kind() {
      if ("event".equals(attrs.get("kind"))) {
        return "event";
      }
      return procedure ? "procedure" : "function";
    }
  }

  /** An installed extension (PostgreSQL). */
  record Extension(String name, String version, Attrs attrs) implements SchemaObject {
    public Extension {
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String kind() {
      return "extension";
    }
  }

  /**
   * A row-level security policy on a table (PostgreSQL). Policy names are unique per table, so the
   * model name is {@code table.policy}; {@code command} is ALL, SELECT, INSERT, UPDATE or DELETE;
   * {@code roles} are sorted role names, {@code PUBLIC} for everyone; {@code using} and {@code
   * check} are the expressions without their parentheses, null when absent.
   */
  record Policy(
      String table,
      String policy,
      boolean restrictive,
      String command,
      List<String> roles,
      String using,
      String check,
      Attrs attrs)
      implements SchemaObject {
    public Policy {
      command = command == null ? "ALL" : command;
      roles =
          roles == null || roles.isEmpty() ? List.of("PUBLIC") : roles.stream().sorted().toList();
      attrs = attrs == null ? Attrs.EMPTY : attrs;
    }

    @Override
    public String name() {
      return table + "." + policy;
    }

    @Override
    public String kind() {
      return "policy";
    }
  }
}
