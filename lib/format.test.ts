import { describe, expect, it } from "vitest";
import { datesIn, formatCalendarDate, formatDate, formatDateTime, formatDaysAgo, startOfDayIn } from "./format";

const NEW_YORK = "America/New_York";

describe("formatDate: the day a moment falls on in the configured time zone", () => {
  it("puts a moment late in the evening in New York on that evening's day, although it is already the next day in UTC", () => {
    // 03:30 UTC on Dec 2 is 10:30 PM on Dec 1 in New York.
    expect(formatDate(new Date("2026-12-02T03:30:00Z"), NEW_YORK)).toBe("Dec 1, 2026");
    expect(formatDate(new Date("2026-12-02T03:30:00Z"), "UTC")).toBe("Dec 2, 2026");
  });

  it("changes day exactly at local midnight, not at UTC midnight", () => {
    // EST is UTC-5: local midnight of Dec 2 is 05:00 UTC.
    expect(formatDate(new Date("2026-12-02T04:59:59Z"), NEW_YORK)).toBe("Dec 1, 2026");
    expect(formatDate(new Date("2026-12-02T05:00:00Z"), NEW_YORK)).toBe("Dec 2, 2026");
    // EDT is UTC-4: local midnight of Jul 2 is 04:00 UTC.
    expect(formatDate(new Date("2026-07-02T03:59:59Z"), NEW_YORK)).toBe("Jul 1, 2026");
    expect(formatDate(new Date("2026-07-02T04:00:00Z"), NEW_YORK)).toBe("Jul 2, 2026");
  });

  it("reads the new year's first moments in New York as the old year's last day", () => {
    expect(formatDate(new Date("2027-01-01T02:00:00Z"), NEW_YORK)).toBe("Dec 31, 2026");
  });
});

describe("formatDateTime: one format with the zone named", () => {
  it("shows the time in the configured zone with its abbreviation", () => {
    expect(formatDateTime(new Date("2026-12-01T23:05:00Z"), NEW_YORK)).toBe("Dec 1, 2026, 6:05 PM EST");
    expect(formatDateTime(new Date("2026-07-01T22:05:00Z"), NEW_YORK)).toBe("Jul 1, 2026, 6:05 PM EDT");
  });

  it("crosses the spring daylight-saving change (Mar 8, 2026, 2:00 AM EST becomes 3:00 AM EDT)", () => {
    expect(formatDateTime(new Date("2026-03-08T06:59:00Z"), NEW_YORK)).toBe("Mar 8, 2026, 1:59 AM EST");
    expect(formatDateTime(new Date("2026-03-08T07:00:00Z"), NEW_YORK)).toBe("Mar 8, 2026, 3:00 AM EDT");
  });

  it("crosses the autumn change (Nov 1, 2026): the same wall-clock hour twice, told apart by the zone", () => {
    expect(formatDateTime(new Date("2026-11-01T05:30:00Z"), NEW_YORK)).toBe("Nov 1, 2026, 1:30 AM EDT");
    expect(formatDateTime(new Date("2026-11-01T06:30:00Z"), NEW_YORK)).toBe("Nov 1, 2026, 1:30 AM EST");
  });

  it("keeps the day right on both sides of a change (midnight after the spring change is 04:00 UTC)", () => {
    expect(formatDate(new Date("2026-03-09T03:59:00Z"), NEW_YORK)).toBe("Mar 8, 2026");
    expect(formatDate(new Date("2026-03-09T04:00:00Z"), NEW_YORK)).toBe("Mar 9, 2026");
  });
});

describe("formatCalendarDate: a date column is the day itself in every zone", () => {
  it("shows a date of birth stored as midnight UTC as that day, not the evening before in New York", () => {
    expect(formatCalendarDate(new Date("2019-03-10T00:00:00Z"))).toBe("Mar 10, 2019");
    expect(formatDate(new Date("2019-03-10T00:00:00Z"), NEW_YORK)).toBe("Mar 9, 2019");
  });
});

describe("startOfDayIn: when a calendar day begins in a time zone (the audit log's date filters)", () => {
  it("begins a New York winter day at 05:00 UTC and a summer day at 04:00 UTC", () => {
    expect(startOfDayIn(new Date("2026-01-15T00:00:00Z"), NEW_YORK).toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfDayIn(new Date("2026-07-15T00:00:00Z"), NEW_YORK).toISOString()).toBe("2026-07-15T04:00:00.000Z");
  });

  it("begins the days on which the clocks change at their own midnight, before the change", () => {
    // Clocks go forward at 2:00 on Mar 8, 2026 and back at 2:00 on Nov 1, 2026: both midnights are on the old offset.
    expect(startOfDayIn(new Date("2026-03-08T00:00:00Z"), NEW_YORK).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDayIn(new Date("2026-03-09T00:00:00Z"), NEW_YORK).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDayIn(new Date("2026-11-01T00:00:00Z"), NEW_YORK).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayIn(new Date("2026-11-02T00:00:00Z"), NEW_YORK).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("is the day itself in UTC", () => {
    expect(startOfDayIn(new Date("2026-12-02T00:00:00Z"), "UTC").toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });
});

describe("in Spanish (MyChildren's, SPEC §9): the same zone, Spanish conventions", () => {
  it("crosses the spring daylight-saving change (8 mar 2026, 2:00 a.m. EST becomes 3:00 a.m. EDT)", () => {
    expect(formatDateTime(new Date("2026-03-08T06:59:00Z"), NEW_YORK, "es")).toBe("8 mar 2026, 1:59 a.m. EST");
    expect(formatDateTime(new Date("2026-03-08T07:00:00Z"), NEW_YORK, "es")).toBe("8 mar 2026, 3:00 a.m. EDT");
  });

  it("crosses the autumn change: the same wall-clock hour twice, told apart by the zone", () => {
    expect(formatDateTime(new Date("2026-11-01T05:30:00Z"), NEW_YORK, "es")).toBe("1 nov 2026, 1:30 a.m. EDT");
    expect(formatDateTime(new Date("2026-11-01T06:30:00Z"), NEW_YORK, "es")).toBe("1 nov 2026, 1:30 a.m. EST");
  });

  it("puts a late-evening moment on that evening's day, and a date of birth on its own day", () => {
    expect(formatDate(new Date("2026-12-02T03:30:00Z"), NEW_YORK, "es")).toBe("1 dic 2026");
    expect(formatCalendarDate(new Date("2019-03-10T00:00:00Z"), "es")).toBe("10 mar 2019");
  });

  it("English is unchanged when the language is given", () => {
    expect(formatDateTime(new Date("2026-03-08T07:00:00Z"), NEW_YORK, "en")).toBe("Mar 8, 2026, 3:00 AM EDT");
    expect(formatDate(new Date("2026-12-02T03:30:00Z"), NEW_YORK, "en")).toBe("Dec 1, 2026");
  });

  it("datesIn binds a language and the configured zone", () => {
    const dates = datesIn("es");
    expect(dates.calendarDate(new Date("2019-03-10T00:00:00Z"))).toBe("10 mar 2019");
    expect(dates.date(new Date("2026-07-01T16:00:00Z"))).toBe(formatDate(new Date("2026-07-01T16:00:00Z"), undefined, "es"));
  });
});

describe("formatDaysAgo: whole calendar days in the configured zone, in the page's language", () => {
  it("counts the day of a daylight-saving change as one day (23 hours in spring, 25 in autumn)", () => {
    // 11 PM on Mar 7 (EST) and 11 PM on Mar 8 (EDT) are 23 hours apart, one day apart.
    expect(formatDaysAgo(new Date("2026-03-08T04:00:00Z"), new Date("2026-03-09T03:00:00Z"), NEW_YORK, "en")).toBe("yesterday");
    expect(formatDaysAgo(new Date("2026-03-08T04:00:00Z"), new Date("2026-03-09T03:00:00Z"), NEW_YORK, "es")).toBe("ayer");
    // 0:30 on Nov 1 (EDT) and 23:30 on Nov 1 (EST) are 24 hours apart, the same day.
    expect(formatDaysAgo(new Date("2026-11-01T04:30:00Z"), new Date("2026-11-02T04:30:00Z"), NEW_YORK, "es")).toBe("hoy");
  });

  it("says several days in each language, by the zone's days rather than UTC's", () => {
    expect(formatDaysAgo(new Date("2026-12-01T03:30:00Z"), new Date("2026-12-04T15:00:00Z"), NEW_YORK, "en")).toBe("4 days ago");
    expect(formatDaysAgo(new Date("2026-12-01T03:30:00Z"), new Date("2026-12-04T15:00:00Z"), NEW_YORK, "es")).toBe("hace 4 días");
    expect(formatDaysAgo(new Date("2026-12-01T03:30:00Z"), new Date("2026-12-04T15:00:00Z"), "UTC", "en")).toBe("3 days ago");
  });
});
