import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { addChildWithCode, EXISTING_ACCOUNT, INVALID_CODE, registerFamilyAccount } from "@/lib/family/activation";
import { hashToken, normalizeToken } from "@/lib/tokens/format";
import { managedPatients } from "@/lib/family/views";
import { requestAccess } from "@/lib/requests/create";
import { snapshotDatabase } from "../support/db-snapshot.ts";
import { runScript } from "../support/run-script.ts";
import { useDatabase } from "../support/use-database.ts";

describe("joining MyChildren's with an activation code", () => {
  const db = useDatabase({ poolSize: 4, demo: true });

  async function activationCode(mrn: string, relationship: string): Promise<string> {
    const result = await runScript("scripts/admin.ts", ["activation-code", "--mrn", mrn, "--relationship", relationship, "--by", "Grace Kim"], { DATABASE_URL: db.url });
    expect(result.code, result.stderr).toBe(0);
    return /: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})$/m.exec(result.stdout)![1]!;
  }
  const register = (code: string, email: string, password = "a long enough password", ip = "203.0.113.7") =>
    registerFamilyAccount({ code, email, password, fullName: "Jordan Brooks" }, { request: { ip } }, db.prisma);

  it("lets Ethan's guardian join, after which providers can request access to Ethan", async () => {
    const haddad = await db.prisma.provider.findUniqueOrThrow({ where: { email: "cardio@fenway.example" } });
    expect(await requestAccess({ mrn: "1000003", reason: "" }, { providerId: haddad.id }, db.prisma)).toMatchObject({ code: "NO_APPROVER" });

    const code = await activationCode("1000003", "GUARDIAN");
    const outcome = await register(code.toLowerCase(), "jordan@family.example");
    expect(outcome).toMatchObject({ ok: true, created: true });
    const account = await db.prisma.familyAccount.findUniqueOrThrow({ where: { email: "jordan@family.example" }, select: { id: true, fullName: true, passwordHash: true } });
    expect(await verifyPassword(account.passwordHash, "a long enough password")).toBe(true);
    expect((await managedPatients(account.id, new Date(), db.prisma)).map((p) => p.mrn)).toEqual(["1000003"]);
    expect(await requestAccess({ mrn: "1000003", reason: "" }, { providerId: haddad.id }, db.prisma)).toMatchObject({ ok: true });
  });

  it("uses a code once, and refuses unknown and expired codes without changing anything", async () => {
    const code = await activationCode("1000003", "GUARDIAN");
    expect((await register(code, "second@family.example")).ok).toBe(true);
    const before = await snapshotDatabase(db.url);
    const refusal = { ok: false, field: "code", message: "This activation code is not valid. Check it, or ask the hospital for a new one." };
    expect(await register(code, "third@family.example")).toEqual(refusal);
    expect(await register("ABCD-EFGH-JKMN-PQRS", "third@family.example")).toEqual(refusal);
    const after = await snapshotDatabase(db.url);
    // Only the failed attempts were recorded, for the lockout.
    expect({ ...after, FailedAttempt: undefined }).toEqual({ ...before, FailedAttempt: undefined });

    const stale = await activationCode("1000003", "GUARDIAN");
    const future = new Date(Date.now() + 31 * 86_400_000);
    expect(await registerFamilyAccount({ code: stale, email: "late@family.example", password: "a long enough password", fullName: "Late" }, { now: future, request: { ip: "203.0.113.8" } }, db.prisma)).toEqual(refusal);
  });

  it("never checks an existing account's password on the registration form: the right one is refused like a wrong one, and the code stays unused", async () => {
    const code = await activationCode("1000003", "GUARDIAN");
    const refusal = { ok: false, message: EXISTING_ACCOUNT, field: "email" };
    expect(await register(code, "parent@family.example", "not maria's password")).toEqual(refusal);
    expect(await register(code, "parent@family.example", "demo-password-2026")).toEqual(refusal);
    const maria = await db.prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" } });
    expect((await managedPatients(maria.id, new Date(), db.prisma)).map((p) => p.firstName)).toEqual(["Mateo", "Sofia"]);
    expect(await db.prisma.activationCode.count({ where: { codeHash: hashToken(normalizeToken(code)!), usedAt: null } })).toBe(1);
    // Each try counts toward the address's lock: an existing email cannot be probed without limit.
    expect(await db.prisma.failedAttempt.count({ where: { kind: "ACTIVATION_CODE", subject: "ip:203.0.113.7" } })).toBeGreaterThanOrEqual(2);
  });

  it("adds the patient to an existing account only while it is signed in (Add a child), once per code", async () => {
    const code = await activationCode("1000003", "GUARDIAN");
    const maria = await db.prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" } });
    expect(await addChildWithCode({ code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ" }, { accountId: maria.id }, db.prisma)).toEqual({ ok: false, message: INVALID_CODE });
    expect(await addChildWithCode({ code }, { accountId: maria.id }, db.prisma)).toEqual({ ok: true });
    expect((await managedPatients(maria.id, new Date(), db.prisma)).map((p) => p.firstName)).toEqual(["Ethan", "Mateo", "Sofia"]);
    expect(await addChildWithCode({ code }, { accountId: maria.id }, db.prisma)).toEqual({ ok: false, message: INVALID_CODE });
    expect(await db.prisma.auditEvent.count({ where: { action: "account.add_child", actorId: maria.id, outcome: "SUCCESS" } })).toBe(1);
  });

  it("locks Add a child for an account after 10 wrong codes in 15 minutes", async () => {
    const account = await db.prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" } });
    const start = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < 10; i += 1) await addChildWithCode({ code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ" }, { accountId: account.id, now: new Date(start.getTime() + i * 1_000) }, db.prisma);
    const code = await activationCode("1000003", "SELF");
    expect(await addChildWithCode({ code }, { accountId: account.id, now: new Date(start.getTime() + 60_000) }, db.prisma)).toEqual({ ok: false, message: "Too many attempts. Try again in 15 minutes." });
  });

  it("locks code guessing from one address after 10 failures in 15 minutes", async () => {
    for (let i = 0; i < 10; i += 1) await register("ZZZZ-ZZZZ-ZZZZ-ZZZZ", `guess${i}@family.example`, "a long enough password", "198.51.100.9");
    const code = await activationCode("1000003", "GUARDIAN");
    expect(await register(code, "guesser@family.example", "a long enough password", "198.51.100.9")).toEqual({ ok: false, message: "Too many attempts. Try again in 15 minutes." });
    expect((await register(code, "guesser@family.example", "a long enough password", "198.51.100.10")).ok).toBe(true);
  });

  it("explains bad admin input in one line", async () => {
    const by = ["--by", "Grace Kim"];
    const cases: [string[], RegExp][] = [
      [["activation-code", "--mrn", "1000003", ...by], /--relationship: must be GUARDIAN or SELF/],
      [["activation-code", "--mrn", "abc", "--relationship", "SELF", ...by], /--mrn: must be the patient's MRN/],
      [["activation-code", "--mrn", "9999999", "--relationship", "SELF", ...by], /no patient has MRN 9999999/],
      [["activation-code", "--mrn", "1000003", "--relationship", "SELF"], /--by: say who you are/],
      [["other"], /unknown command "other"/],
    ];
    for (const [args, message] of cases) {
      const result = await runScript("scripts/admin.ts", args, { DATABASE_URL: db.url });
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^admin: /);
      expect(result.stderr).toMatch(message);
    }
  });
});
