import { describe, expect, it } from "vitest";
import { bornYearsBefore, isApproverLink } from "@/lib/patients/approvers";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("approvers by age (SPEC §2)", () => {
  const now = new Date("2026-11-25T15:30:00Z");

  it("a guardian approves until the patient's 18th birthday", () => {
    expect(isApproverLink("GUARDIAN", day("2008-11-26"), now)).toBe(true); // 18 tomorrow
    expect(isApproverLink("GUARDIAN", day("2008-11-25"), now)).toBe(false); // 18 today
    expect(isApproverLink("GUARDIAN", day("2018-03-14"), now)).toBe(true);
  });

  it("a patient's own account approves from their 13th birthday", () => {
    expect(isApproverLink("SELF", day("2013-11-25"), now)).toBe(true); // 13 today
    expect(isApproverLink("SELF", day("2013-11-26"), now)).toBe(false); // 13 tomorrow
    expect(isApproverLink("SELF", day("2007-05-21"), now)).toBe(true);
  });

  it("between 13 and 18 both the guardian and the patient approve", () => {
    const fifteen = day("2011-07-02");
    expect(isApproverLink("GUARDIAN", fifteen, now)).toBe(true);
    expect(isApproverLink("SELF", fifteen, now)).toBe(true);
  });

  it("someone born on 29 February turns a year older on 1 March in common years", () => {
    expect(bornYearsBefore(new Date("2027-03-01T08:00:00Z"), 18)).toEqual(day("2009-03-01"));
    expect(isApproverLink("GUARDIAN", day("2008-02-29"), new Date("2026-02-28T12:00:00Z"))).toBe(true);
    expect(isApproverLink("GUARDIAN", day("2008-02-29"), new Date("2026-03-01T12:00:00Z"))).toBe(false);
  });

  it("on 29 February, someone born on 1 March 18 years earlier is still 17", () => {
    const leapDay = new Date("2028-02-29T12:00:00Z");
    expect(bornYearsBefore(leapDay, 18)).toEqual(day("2010-02-28"));
    expect(isApproverLink("GUARDIAN", day("2010-03-01"), leapDay)).toBe(true);
    expect(isApproverLink("GUARDIAN", day("2010-02-28"), leapDay)).toBe(false);
  });
});
