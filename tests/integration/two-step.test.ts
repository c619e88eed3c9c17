import * as OTPAuth from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_IN_REFUSED, signInWithPassword } from "@/lib/auth/sign-in";
import {
  beginEnrolment,
  completeSecondStep,
  confirmEnrolment,
  confirmEnrolmentAtSignIn,
  disableTwoStep,
  PENDING_SIGN_IN_MS,
  SECOND_STEP_EXPIRED,
  SECOND_STEP_REFUSED,
} from "@/lib/auth/two-step";
import { hashSecret } from "@/lib/auth/secrets";
import { createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const PASSWORD = "correct horse battery staple";
const REQUEST = { ip: "203.0.113.9", userAgent: "vitest" };
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const codeAt = (secret: string, when: Date) => OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: when.getTime() });

describe("two-step sign-in for MyPatients (SPEC §7)", () => {
  const db = useDatabase({ poolSize: 8 });
  let passwordHash: string;

  beforeAll(async () => {
    // The TOTP secret's key derives from AUTH_SECRET, read from the validated environment.
    process.env.DATABASE_URL ??= db.url;
    passwordHash = await hashPassword(PASSWORD);
  });

  async function provider() {
    const created = await createProvider(db.prisma, { status: "ACTIVE" });
    await db.prisma.provider.update({ where: { id: created.id }, data: { passwordHash } });
    return created;
  }

  /** A provider who turned two-step sign-in on at T0; returns the secret and recovery codes. */
  async function enrolled() {
    const created = await provider();
    const enrolment = await beginEnrolment(db.prisma, created.id);
    if (!enrolment) throw new Error("enrolment refused");
    const confirmed = await confirmEnrolment(db.prisma, created.id, codeAt(enrolment.secret, T0), REQUEST, T0);
    if (!confirmed.ok) throw new Error(confirmed.message);
    return { ...created, secret: enrolment.secret, recoveryCodes: confirmed.recoveryCodes };
  }

  async function passwordStep(email: string, now: Date, requireTwoStep = false) {
    const result = await signInWithPassword(db.prisma, { portal: "mypatients", email, password: PASSWORD }, REQUEST, now, requireTwoStep);
    if (result.ok || !result.secondStep) throw new Error("expected a second step");
    return result.secondStep;
  }

  it("enrols with one typed code: the secret is stored encrypted, 10 recovery codes are stored hashed, and it is audited", async () => {
    const { id } = await provider();
    const enrolment = await beginEnrolment(db.prisma, id);
    expect(enrolment?.uri).toMatch(/^otpauth:\/\/totp\/MyPatients:/);
    const wrong = await confirmEnrolment(db.prisma, id, "000000" === codeAt(enrolment!.secret, T0) ? "111111" : "000000", REQUEST, T0);
    expect(wrong.ok).toBe(false);
    expect((await db.prisma.provider.findUniqueOrThrow({ where: { id } })).twoStepEnabledAt).toBeNull();

    const confirmed = await confirmEnrolment(db.prisma, id, codeAt(enrolment!.secret, T0), REQUEST, T0);
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);

    const row = await db.prisma.provider.findUniqueOrThrow({ where: { id } });
    expect(row.twoStepEnabledAt).toEqual(T0);
    expect(row.twoStepSecret).not.toContain(enrolment!.secret);
    const stored = await db.prisma.recoveryCode.findMany({ where: { providerId: id } });
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const code of confirmed.recoveryCodes) expect(dump).not.toContain(code);
    expect(stored.every((r) => r.codeHash.startsWith("$argon2id$"))).toBe(true);

    const events = await db.prisma.auditEvent.findMany({ where: { actorId: id, action: "auth.two_step_enable" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.outcome)).toEqual(["FAILURE", "SUCCESS"]);
  });

  it("after the right password asks for a code instead of opening a session, then opens one for a current code", async () => {
    const { id, email, secret } = await enrolled();
    const step = await passwordStep(email, at(60_000));
    expect(step.purpose).toBe("CODE");
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(0);
    const pending = await db.prisma.pendingSignIn.findUniqueOrThrow({ where: { tokenHash: hashSecret(step.pendingSecret) } });
    expect(pending.expiresAt).toEqual(at(60_000 + PENDING_SIGN_IN_MS));

    const result = await completeSecondStep(db.prisma, { pendingSecret: step.pendingSecret, code: codeAt(secret, at(61_000)) }, REQUEST, at(61_000));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sessions = await db.prisma.session.findMany({ where: { providerId: id } });
    expect(sessions.map((s) => s.tokenHash)).toEqual([hashSecret(result.sessionSecret)]);
    // The pending sign-in is spent.
    const again = await completeSecondStep(db.prisma, { pendingSecret: step.pendingSecret, code: codeAt(secret, at(91_000)) }, REQUEST, at(91_000));
    expect(again).toEqual({ ok: false, message: SECOND_STEP_EXPIRED, expired: true });
  });

  it("refuses a code already used within its window, even in a new sign-in", async () => {
    const { id, email, secret } = await enrolled();
    const when = at(120_000);
    const code = codeAt(secret, when);
    const first = await completeSecondStep(db.prisma, { pendingSecret: (await passwordStep(email, when)).pendingSecret, code }, REQUEST, when);
    expect(first.ok).toBe(true);
    const replay = await completeSecondStep(db.prisma, { pendingSecret: (await passwordStep(email, at(125_000))).pendingSecret, code }, REQUEST, at(125_000));
    expect(replay).toEqual({ ok: false, message: SECOND_STEP_REFUSED });
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(1);
    const refused = await db.prisma.auditEvent.findFirstOrThrow({ where: { actorId: id, action: "auth.two_step", outcome: "FAILURE" } });
    expect(refused.details).toMatchObject({ reason: "replayed-code" });
  });

  it("refuses an expired pending sign-in (5 minutes)", async () => {
    const { email, secret } = await enrolled();
    const step = await passwordStep(email, at(60_000));
    const late = at(60_000 + PENDING_SIGN_IN_MS + 1000);
    expect(await completeSecondStep(db.prisma, { pendingSecret: step.pendingSecret, code: codeAt(secret, late) }, REQUEST, late)).toMatchObject({ ok: false, expired: true });
  });

  it("locks the second step after 5 wrong codes, even for the right code, without touching the password lockout", async () => {
    const { id, email, secret } = await enrolled();
    const step = await passwordStep(email, at(60_000));
    for (let i = 0; i < 5; i++) {
      const result = await completeSecondStep(db.prisma, { pendingSecret: step.pendingSecret, code: "abcde-fghij" }, REQUEST, at(61_000 + i));
      expect(result).toEqual({ ok: false, message: SECOND_STEP_REFUSED });
    }
    const right = await completeSecondStep(db.prisma, { pendingSecret: step.pendingSecret, code: codeAt(secret, at(70_000)) }, REQUEST, at(70_000));
    expect(right).toEqual({ ok: false, message: SECOND_STEP_REFUSED });
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(0);
    expect(await db.prisma.failedAttempt.count({ where: { kind: "TWO_STEP", subject: id } })).toBe(5);
    expect(await db.prisma.auditEvent.count({ where: { actorId: id, action: "auth.two_step", outcome: "DENIED" } })).toBe(1);
    // After 15 minutes the lock is over.
    const later = at(61_000 + 15 * 60_000 + 1000);
    const fresh = await passwordStep(email, later);
    expect((await completeSecondStep(db.prisma, { pendingSecret: fresh.pendingSecret, code: codeAt(secret, later) }, REQUEST, later)).ok).toBe(true);
  });

  it("accepts each recovery code once, and audits its use", async () => {
    const { id, email, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    const first = await completeSecondStep(db.prisma, { pendingSecret: (await passwordStep(email, at(60_000))).pendingSecret, code: code.toUpperCase() }, REQUEST, at(60_000));
    expect(first.ok).toBe(true);
    const second = await completeSecondStep(db.prisma, { pendingSecret: (await passwordStep(email, at(70_000))).pendingSecret, code }, REQUEST, at(70_000));
    expect(second).toEqual({ ok: false, message: SECOND_STEP_REFUSED });
    expect(await db.prisma.recoveryCode.count({ where: { providerId: id, usedAt: null } })).toBe(9);
    const used = await db.prisma.auditEvent.findFirstOrThrow({ where: { actorId: id, action: "auth.recovery_code_use" } });
    expect(used.details).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it("when required, sends a provider without it to enrol after the password, and the session opens only once enrolled", async () => {
    const { id, email } = await provider();
    const step = await passwordStep(email, T0, true);
    expect(step.purpose).toBe("ENROL");
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(0);
    // A code cannot be entered instead of enrolling.
    expect((await completeSecondStep(db.prisma, { pendingSecret: step.pendingSecret, code: "123456" }, REQUEST, T0)).ok).toBe(false);
    const enrolment = await beginEnrolment(db.prisma, id);
    const done = await confirmEnrolmentAtSignIn(db.prisma, { pendingSecret: step.pendingSecret, code: codeAt(enrolment!.secret, T0) }, REQUEST, T0);
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.recoveryCodes).toHaveLength(10);
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(1);
    // Not required: a provider without it signs in with the password alone.
    const other = await provider();
    const plain = await signInWithPassword(db.prisma, { portal: "mypatients", email: other.email, password: PASSWORD }, REQUEST, T0, false);
    expect(plain.ok).toBe(true);
  });

  it("gives an unknown email and a wrong password the same answer as before, with no second step", async () => {
    const { email } = await enrolled();
    const unknown = await signInWithPassword(db.prisma, { portal: "mypatients", email: "nobody@example.test", password: PASSWORD }, REQUEST, at(60_000), true);
    const wrong = await signInWithPassword(db.prisma, { portal: "mypatients", email, password: "not the password at all" }, REQUEST, at(60_000), true);
    expect(unknown).toEqual({ ok: false });
    expect(wrong).toEqual({ ok: false });
    expect(SIGN_IN_REFUSED).not.toMatch(/code/i);
    expect(await db.prisma.pendingSignIn.count({ where: { provider: { email } } })).toBe(0);
  });

  it("turns off only with the current password, audited both ways, and forgets the secret and recovery codes", async () => {
    const { id } = await enrolled();
    expect(await disableTwoStep(db.prisma, id, "wrong password here", REQUEST, at(1000))).toMatchObject({ ok: false });
    expect((await db.prisma.provider.findUniqueOrThrow({ where: { id } })).twoStepEnabledAt).not.toBeNull();
    expect(await disableTwoStep(db.prisma, id, PASSWORD, REQUEST, at(2000))).toEqual({ ok: true });
    const row = await db.prisma.provider.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ twoStepSecret: null, twoStepEnabledAt: null, twoStepLastStep: null });
    expect(await db.prisma.recoveryCode.count({ where: { providerId: id } })).toBe(0);
    const events = await db.prisma.auditEvent.findMany({ where: { actorId: id, action: "auth.two_step_disable" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.outcome)).toEqual(["FAILURE", "SUCCESS"]);
  });
});
