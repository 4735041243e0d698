package dev.strata.schemahcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code CREATE TRIGGER} text of a trigger written in Atlas's structured form ({@code after {
 * insert = true }}, {@code for = ROW}, {@code when}, {@code as = <<-SQL BEGIN ... END SQL}), and
 * the inverse. The inverse accepts a definition only when composing its parts gives back exactly
 * the same text, so a decode after an encode always reproduces the definition; any other definition
 * is kept whole (see {@link SchemaHclEncoder}).
 */
final class TriggerSql {
  private static final String QUOTED = "\"(?:[^\"]|\"\")*\"";
  private static final Pattern HEADER =
      Pattern.compile(
          "CREATE TRIGGER (?<name>"
              + QUOTED
              + ") (?<timing>BEFORE|AFTER|INSTEAD OF) (?<events>.+?) ON (?<table>"
              + QUOTED
              + ")(?: FOR EACH (?<each>ROW|STATEMENT))?(?: WHEN (?<when>.*?))?\n(?<body>.*)",
          Pattern.DOTALL);
  private static final Pattern UPDATE_OF = Pattern.compile("UPDATE OF (.+)");
  private static final Pattern NAME = Pattern.compile(QUOTED);

  private TriggerSql() {}

  /**
   * A trigger's parts. {@code timing} is BEFORE, AFTER or INSTEAD OF; {@code events} are INSERT,
   * UPDATE, DELETE, and {@code updateOf} the columns of an UPDATE OF event (empty when none);
   * {@code forEach} is ROW, STATEMENT or null; {@code when} may be null.
   */
  record Parts(
      String name,
      String timing,
      List<String> events,
      List<String> updateOf,
      String table,
      String forEach,
      String when,
      String body) {
    Parts {
      events = List.copyOf(events);
      updateOf = List.copyOf(updateOf);
    }
  }

  static String compose(Parts p) {
    StringBuilder sb = new StringBuilder("CREATE TRIGGER ").append(SqlText.quoteIdent(p.name()));
    sb.append(' ').append(p.timing()).append(' ');
    List<String> events = new ArrayList<>();
    for (String e : p.events()) {
      if (e.equals("UPDATE") && !p.updateOf().isEmpty()) {
        List<String> cols = p.updateOf().stream().map(SqlText::quoteIdent).toList();
        events.add("UPDATE OF " + String.join(", ", cols));
      } else {
        events.add(e);
      }
    }
    sb.append(String.join(" OR ", events)).append(" ON ").append(SqlText.quoteIdent(p.table()));
    if (p.forEach() != null) {
      sb.append(" FOR EACH ").append(p.forEach());
    }
    if (p.when() != null) {
      sb.append(" WHEN ").append(p.when());
    }
    return sb.append('\n').append(p.body()).toString();
  }

  /** The parts of a definition in the shape {@link #compose} produces, else empty. */
  static Optional<Parts> parse(String definition) {
    Matcher m = HEADER.matcher(definition);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> events = new ArrayList<>();
    List<String> updateOf = new ArrayList<>();
    for (String e : m.group("events").split(" OR ")) {
      Matcher u = UPDATE_OF.matcher(e);
      if (u.matches()) {
        Matcher n = NAME.matcher(u.group(1));
        while (n.find()) {
          updateOf.add(unquote(n.group()));
        }
        events.add("UPDATE");
      } else {
        events.add(e);
      }
    }
    Parts p =
        new Parts(
            unquote(m.group("name")),
            m.group("timing"),
            events,
            updateOf,
            unquote(m.group("table")),
            m.group("each"),
            m.group("when"),
            m.group("body"));
    boolean valid =
        events.stream().allMatch(e -> List.of("INSERT", "UPDATE", "DELETE").contains(e))
            && events.stream().distinct().count() == events.size()
            && (p.when() == null || !p.when().isBlank())
            && !p.body().isBlank()
            && p.body().equals(p.body().strip());
    return valid && compose(p).equals(definition) ? Optional.of(p) : Optional.empty();
  }

  private static String unquote(String quoted) {
    return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
  }
}
