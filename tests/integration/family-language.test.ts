import { describe, expect, it } from "vitest";
import { issueActivationCode, registerFamilyAccount } from "@/lib/family/activation";
import { setAccountLanguage } from "@/lib/family/language";
import { useDatabase } from "../support/use-database.ts";

// A MyChildren's account's language (SPEC §9): changed only on the account named, audited like
// other account changes, and nothing written when it does not change.
describe("a family account's language", () => {
  const db = useDatabase({ poolSize: 2, demo: true });
  const account = (email: string) => db.prisma.familyAccount.findUniqueOrThrow({ where: { email }, select: { id: true, language: true } });
  const audited = (accountId: string) => db.prisma.auditEvent.findMany({ where: { action: "account.language", actorId: accountId }, select: { outcome: true, details: true } });

  it("changes the named account's language, with an audit event, and no other account's", async () => {
    const maria = await account("parent@family.example");
    const ava = await account("ava@family.example");
    expect(maria.language).toBe("EN");
    expect(await setAccountLanguage({ accountId: maria.id }, "es", {}, db.prisma)).toEqual({ changed: true });
    expect((await account("parent@family.example")).language).toBe("ES");
    expect((await account("ava@family.example")).language).toBe(ava.language);
    expect(await audited(maria.id)).toEqual([{ outcome: "SUCCESS", details: { from: "EN", to: "ES" } }]);
  });

  it("writes nothing when the account already has that language", async () => {
    const maria = await account("parent@family.example");
    expect(await setAccountLanguage({ accountId: maria.id }, "es", {}, db.prisma)).toEqual({ changed: false });
    expect(await audited(maria.id)).toHaveLength(1);
  });

  it("finds the account by email after sign-in, and never a disabled one", async () => {
    const ava = await account("ava@family.example");
    expect(await setAccountLanguage({ email: "ava@family.example" }, "es", {}, db.prisma)).toEqual({ changed: true });
    expect((await account("ava@family.example")).language).toBe("ES");
    await db.prisma.familyAccount.update({ where: { id: ava.id }, data: { status: "DISABLED" } });
    expect(await setAccountLanguage({ accountId: ava.id }, "en", {}, db.prisma)).toEqual({ changed: false });
    expect((await account("ava@family.example")).language).toBe("ES");
  });

  it("a new account starts in the language of its registration page", async () => {
    const sofia = await db.prisma.patient.findFirstOrThrow({ where: { mrn: "1000001" }, select: { mrn: true } });
    const issued = await issueActivationCode({ mrn: sofia.mrn, relationship: "GUARDIAN" }, { staff: "staff@hospital.example" }, db.prisma);
    if (!issued.ok) throw new Error(issued.message);
    const outcome = await registerFamilyAccount({ code: issued.code, fullName: "Rosa Rivera", email: "rosa@family.example", password: "a long enough passphrase" }, { language: "ES" }, db.prisma);
    expect(outcome.ok).toBe(true);
    expect((await account("rosa@family.example")).language).toBe("ES");
  });
});
