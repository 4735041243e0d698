package dev.strata.gitops.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code drift.schedule}: intervals, cron expressions (UTC) and where a bad one goes wrong. */
class DriftScheduleTest {
  private static final Instant T = Instant.parse("2026-11-27T10:17:42Z"); // a Friday

  @Test
  void anIntervalIsDueThatLongAfterThePreviousCheck() {
    DriftSchedule s = DriftSchedule.parse(" 15m ");
    assertEquals(Duration.ofMinutes(15), s.interval());
    assertEquals(T.plusSeconds(900), s.next(T));
    assertEquals(T.plusSeconds(2), DriftSchedule.parse("2s").next(T));
    assertEquals(T.plusSeconds(86400), DriftSchedule.parse("1d").next(T));
  }

  @ParameterizedTest
  @CsvSource({
    "0 6 * * *,       2026-11-28T06:00:00Z",
    "*/20 * * * *,    2026-11-27T10:20:00Z",
    "17 * * * *,      2026-11-27T11:17:00Z",
    "30 9 * * 1-5,    2026-11-30T09:30:00Z",
    "0 0 1 * *,       2026-12-01T00:00:00Z",
    "0 12 * 2 0,      2027-02-07T12:00:00Z",
    "0 12 * 2 7,      2027-02-07T12:00:00Z",
    "0 0 13 * 5,      2026-12-04T00:00:00Z",
    "5-10/5 10 * * *, 2026-11-28T10:05:00Z",
    "0 0 29 2 *,      2028-02-29T00:00:00Z",
  })
  void cronFindsTheNextMatchingMinute(String cron, String expected) {
    assertEquals(Instant.parse(expected), DriftSchedule.parse(cron).next(T));
  }

  @Test
  void aCronTimeExactlyNowIsNotDueAgain() {
    Instant six = Instant.parse("2026-11-27T06:00:00Z");
    assertEquals(Instant.parse("2026-11-28T06:00:00Z"), DriftSchedule.parse("0 6 * * *").next(six));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "daily|0|must be an interval such as \"1h\"",
        "0 6 * *|0|\"0 6 * *\" has 4 fields",
        "0 24 * * *|2|24 is out of range for the hour field (0-23)",
        "0 6 * * mon|8|\"mon\" in the day of week field is not a number",
        "*/0 * * * *|2|the step of the minute field must be at least 1",
        "0 6 10-2 * *|4|the day of month range \"10-2\" goes backwards",
        "0 0 31 2 *|0|never matches a date",
        "0m|0|an interval must be at least 1s",
      })
  void errorsSayWhichFieldAndWhere(String text, int offset, String message) {
    DriftSchedule.Invalid e =
        assertThrows(DriftSchedule.Invalid.class, () -> DriftSchedule.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
  }
}
