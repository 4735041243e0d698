package dev.strata.gitops.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When drift is checked: {@code drift.schedule} in {@code .strata/config.yml}. Two forms:
 *
 * <ul>
 *   <li>an interval: a whole number and a unit, {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d}
 *       (at least 1 second); the next check is due that long after the previous one was due;
 *   <li>a five-field cron expression in UTC, {@code minute hour day-of-month month day-of-week}
 *       ({@code 0 6 * * 1-5}), each field {@code *}, a number, a range {@code a-b}, a step {@code *
 *       /n} or {@code a-b/n}, or a comma list of those; day of week 0-7 with 0 and 7 Sunday. When
 *       both day fields are restricted, a day matching either counts, as in cron.
 * </ul>
 *
 * {@link #parse} throws {@link Invalid} with the character offset of the offending part, so the
 * config loader can point at it.
 */
public final class DriftSchedule {
  private static final Pattern INTERVAL = Pattern.compile("(\\d{1,9})\\s*([smhd])");
  private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 7};

  private final String text;
  private final Duration interval;
  private final BitSet[] cron;
  private final boolean domStar;
  private final boolean dowStar;

  private DriftSchedule(
      String text, Duration interval, BitSet[] cron, boolean domStar, boolean dowStar) {
    this.text = text;
    this.interval = interval;
    this.cron = cron;
    this.domStar = domStar;
    this.dowStar = dowStar;
  }

  /** A schedule that cannot be read; {@link #offset} is where in the text the problem is. */
  public static final class Invalid extends IllegalArgumentException {
    private final int offset;

    Invalid(int offset, String message) {
      super(message);
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }

  /** Reads an interval ({@code 1h}) or a five-field cron expression. */
  public static DriftSchedule parse(String text) {
    String t = text.strip();
    int lead = text.indexOf(t.isEmpty() ? text : t.substring(0, 1));
    Matcher m = INTERVAL.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      if (d.isZero()) {
        throw new Invalid(lead, "drift.schedule: an interval must be at least 1s");
      }
      return new DriftSchedule(t, d, null, false, false);
    }
    String[] parts = t.isEmpty() ? new String[0] : t.split("\\s+");
    if (parts.length != 5) {
      throw new Invalid(
          lead,
          "drift.schedule must be an interval such as \"1h\" or \"15m\", or a cron expression of"
              + " five fields such as \"0 6 * * *\" (minute hour day-of-month month day-of-week);"
              + " \""
              + t
              + "\" has "
              + parts.length
              + " field"
              + (parts.length == 1 ? "" : "s"));
    }
    BitSet[] sets = new BitSet[5];
    int at = lead;
    for (int i = 0; i < 5; i++) {
      at = text.indexOf(parts[i], at);
      sets[i] = field(parts[i], i, at);
      at += parts[i].length();
    }
    if (sets[4].get(7)) {
      sets[4].set(0);
    }
    DriftSchedule cron =
        new DriftSchedule(t, null, sets, parts[2].equals("*"), parts[4].equals("*"));
    if (cron.next(Instant.parse("2000-01-01T00:00:00Z")).equals(Instant.MAX)) {
      throw new Invalid(lead, "drift.schedule: \"" + t + "\" never matches a date");
    }
    return cron;
  }

  private static BitSet field(String f, int i, int offset) {
    BitSet out = new BitSet();
    int at = 0;
    for (String item : f.split(",", -1)) {
      int pos = offset + at;
      at += item.length() + 1;
      int step = 1;
      String range = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        step = number(item.substring(slash + 1), i, pos + slash + 1);
        if (step < 1) {
          throw new Invalid(
              pos + slash + 1,
              "drift.schedule: the step of the " + FIELDS[i] + " field must be at least 1");
        }
        range = item.substring(0, slash);
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = MIN[i];
        hi = MAX[i];
      } else {
        int dash = range.indexOf('-', 1);
        lo = number(dash < 0 ? range : range.substring(0, dash), i, pos);
        hi =
            dash < 0
                ? (slash >= 0 ? MAX[i] : lo)
                : number(range.substring(dash + 1), i, pos + dash + 1);
        if (hi < lo) {
          throw new Invalid(
              pos, "drift.schedule: the " + FIELDS[i] + " range \"" + range + "\" goes backwards");
        }
      }
      for (int v = lo; v <= hi; v += step) {
        out.set(v);
      }
    }
    return out;
  }

  private static int number(String s, int i, int offset) {
    int v;
    try {
      v = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new Invalid(
          offset,
          "drift.schedule: \""
              + s
              + "\" in the "
              + FIELDS[i]
              + " field is not a number, *, a range a-b or a step */n");
    }
    if (v < MIN[i] || v > MAX[i]) {
      throw new Invalid(
          offset,
          "drift.schedule: "
              + v
              + " is out of range for the "
              + FIELDS[i]
              + " field ("
              + MIN[i]
              + "-"
              + MAX[i]
              + ")");
    }
    return v;
  }

  /** The schedule as written. */
  public String text() {
    return text;
  }

  /** The interval, or null for a cron expression. */
  public Duration interval() {
    return interval;
  }

  /**
   * The first time strictly after {@code after} at which a check is due: {@code after} plus the
   * interval, or the next matching minute of the cron expression (UTC).
   */
  public Instant next(Instant after) {
    if (interval != null) {
      return after.plus(interval);
    }
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    // Five years of minutes bounds the search; "0 0 31 2 *" never matches.
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!cron[3].get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.withHour(0).withMinute(0).plusDays(1);
        continue;
      }
      if (!cron[1].get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
        continue;
      }
      if (!cron[0].get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return t.toInstant();
    }
    return Instant.MAX;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = cron[2].get(t.getDayOfMonth());
    boolean dow = cron[4].get(t.getDayOfWeek().getValue() % 7);
    if (domStar || dowStar) {
      return dom && dow;
    }
    return dom || dow;
  }

  @Override
  public String toString() {
    return text;
  }
}
