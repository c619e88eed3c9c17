import { describe, expect, it } from "vitest";
import { MAX_PRACTICE_MATCHES, practiceMatchesMessage } from "@/lib/practices/directory";

describe("what registration's Search says of the practices it found", () => {
  it("says none matched and how to go on", () => {
    expect(practiceMatchesMessage(0)).toBe('No enrolled practice matches. Check the name, or choose "My practice is not listed".');
  });

  it("counts one practice, and several, exactly", () => {
    expect(practiceMatchesMessage(1)).toBe('1 enrolled practice matches. Choose yours under "Choose your practice".');
    expect(practiceMatchesMessage(3)).toBe('3 enrolled practices match. Choose yours under "Choose your practice".');
  });

  it("does not understate at the cap: there may be more than are listed", () => {
    expect(practiceMatchesMessage(MAX_PRACTICE_MATCHES)).toBe(
      `${MAX_PRACTICE_MATCHES} or more enrolled practices match; the first ${MAX_PRACTICE_MATCHES} are listed. Choose yours under "Choose your practice", or type more of its name.`,
    );
    expect(practiceMatchesMessage(MAX_PRACTICE_MATCHES - 1)).toBe(`${MAX_PRACTICE_MATCHES - 1} enrolled practices match. Choose yours under "Choose your practice".`);
  });
});
