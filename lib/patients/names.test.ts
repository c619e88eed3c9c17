import { describe, expect, it } from "vitest";
import { nameKey } from "@/lib/patients/names";

describe("nameKey", () => {
  it("ignores case, accents and extra spaces", () => {
    expect(nameKey("  Núñez  García ")).toBe("nunez garcia");
    expect(nameKey("ZOË")).toBe(nameKey("zoe"));
    expect(nameKey("Nguyễn")).toBe("nguyen");
  });

  it("folds letters that have no decomposed accent", () => {
    expect(nameKey("Søndergaard")).toBe("sondergaard");
    expect(nameKey("Łukasz Æbelø")).toBe("lukasz aebelo");
    expect(nameKey("Straße")).toBe("strasse");
  });

  it("keeps hyphens and apostrophes, which are part of the name", () => {
    expect(nameKey("O'Brien-Smith")).toBe("o'brien-smith");
  });
});
