import { describe, expect, it } from "vitest";
import { addMonths, bornYearsBefore, isoDate, parseIsoDate } from "@/lib/dates";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("calendar dates", () => {
  it("reads only real dates from 1800 on", () => {
    expect(parseIsoDate("2018-03-14")).toEqual(day("2018-03-14"));
    for (const value of ["2018-02-30", "2018-3-14", "1799-12-31", "0000-01-01", "2018-03-14T00:00:00Z", ""]) expect(parseIsoDate(value), value).toBeNull();
    expect(isoDate(day("2018-03-14"))).toBe("2018-03-14");
  });

  it("adds calendar months, keeping the time of day and ending on the month's last day when needed", () => {
    expect(addMonths(new Date("2026-11-25T10:00:00Z"), 6)).toEqual(new Date("2027-05-25T10:00:00Z"));
    expect(addMonths(new Date("2026-08-31T10:00:00Z"), 6)).toEqual(new Date("2027-02-28T10:00:00Z"));
    expect(addMonths(new Date("2027-08-31T10:00:00Z"), 6)).toEqual(new Date("2028-02-29T10:00:00Z"));
  });

  it("gives the latest date of birth of someone at least N years old on the day", () => {
    const now = new Date("2026-11-25T15:30:00Z");
    expect(bornYearsBefore(now, 18)).toEqual(day("2008-11-25")); // 18 today
    expect(bornYearsBefore(now, 13)).toEqual(day("2013-11-25"));
  });

  it("counts someone born on 29 February a year older on 1 March in common years", () => {
    expect(bornYearsBefore(new Date("2027-03-01T08:00:00Z"), 18)).toEqual(day("2009-03-01"));
    expect(bornYearsBefore(new Date("2026-02-28T12:00:00Z"), 18)).toEqual(day("2008-02-28"));
  });

  it("on 29 February, counts back to the 28th in a year without one", () => {
    expect(bornYearsBefore(new Date("2028-02-29T12:00:00Z"), 18)).toEqual(day("2010-02-28"));
  });
});
