// Signing in with an email and password (SPEC §5, §7), for either portal. Unknown emails, wrong
// passwords, inactive accounts and locked accounts all get the same answer, take about the same
// time, and count toward the same lockout; the audit trail records which it was.
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { clearFailures, currentLock, reserveAttempt, signInSubject } from "@/lib/auth/lockout";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { PasswordPortalId } from "@/lib/auth/portals";
import { createSession } from "@/lib/auth/session-store";
import { beginEnrolment, openPendingSignIn, type PendingPurpose } from "@/lib/auth/two-step";
import { ActorType, AuditOutcome, type PrismaClient } from "@/lib/generated/prisma/client";

export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now. Try again in a few minutes.";

/** The one message for every refused sign-in: it never says whether the email exists. */
export const SIGN_IN_REFUSED =
  "That email and password did not work. After 10 unsuccessful tries, sign-in is paused for 15 minutes.";

/**
 * `secondStep`: the password was right, but a provider with two-step sign-in (or without it, when
 * it is required) must still give a code (or enrol): no session yet, only a 5-minute pending
 * sign-in whose secret goes into a short-lived cookie (lib/auth/two-step.ts).
 */
export type SignInResult =
  | { ok: true; userId: string; sessionSecret: string }
  | { ok: false; secondStep?: { pendingSecret: string; purpose: PendingPurpose } };

interface Account {
  id: string;
  passwordHash: string;
  status: string;
  twoStepEnabledAt?: Date | null;
}

async function findAccount(client: PrismaClient, portal: PasswordPortalId, email: string): Promise<Account | null> {
  const select = { id: true, passwordHash: true, status: true } as const;
  return portal === "mypatients"
    ? client.provider.findUnique({ where: { email }, select: { ...select, twoStepEnabledAt: true } })
    : client.familyAccount.findUnique({ where: { email }, select });
}

let dummyHash: Promise<string> | undefined;

/** Checks the password against a real hash even when there is no account, so timing says nothing. */
async function passwordMatches(account: Account | null, password: string): Promise<boolean> {
  if (account) return verifyPassword(account.passwordHash, password);
  dummyHash ??= hashPassword("a password no account has, hashed once per process");
  await verifyPassword(await dummyHash, password);
  return false;
}

function refusalReason(account: Account | null, passwordOk: boolean): string {
  if (!account) return "unknown-email";
  if (!passwordOk) return "wrong-password";
  return account.status === "UNVERIFIED" ? "unverified" : "disabled";
}

/**
 * Signs in to `portal`. On success opens a session and returns the secret for its cookie.
 * `email` must already be normalized (lower-cased, trimmed) by the caller's schema.
 */
export async function signInWithPassword(
  client: PrismaClient,
  input: { portal: PasswordPortalId; email: string; password: string },
  request: RequestMetadata,
  now: Date = new Date(),
  /** REQUIRE_TWO_STEP: providers without two-step sign-in must enrol before a session opens. */
  requireTwoStep = false,
): Promise<SignInResult> {
  const { portal, email, password } = input;
  const subject = signInSubject(portal, email);
  const actorType = portal === "mypatients" ? ActorType.PROVIDER : ActorType.FAMILY;

  const reservation = await client.$transaction(async (tx) => {
    const result = await reserveAttempt(tx, subject, now);
    if (result.locked) {
      await recordAudit(tx, {
        actor: { type: ActorType.ANONYMOUS },
        action: "auth.sign_in",
        outcome: AuditOutcome.DENIED,
        details: { portal, email, reason: "locked", lockedUntil: result.locked.toISOString() },
        request,
      });
    }
    return result;
  });
  if (reservation.locked) return { ok: false };

  const account = await findAccount(client, portal, email);
  const passwordOk = await passwordMatches(account, password);

  if (account && passwordOk && account.status === "ACTIVE" && portal === "mypatients" && (account.twoStepEnabledAt || requireTwoStep)) {
    const purpose: PendingPurpose = account.twoStepEnabledAt ? "CODE" : "ENROL";
    const pendingSecret = await client.$transaction(async (tx) => {
      await clearFailures(tx, subject);
      const secret = await openPendingSignIn(tx, account.id, purpose, now);
      // Required but not set up: a fresh secret for the enrolment page that comes next.
      if (purpose === "ENROL") await beginEnrolment(tx, account.id);
      await recordAudit(tx, {
        actor: { type: actorType, id: account.id },
        action: "auth.two_step",
        outcome: AuditOutcome.SUCCESS,
        details: { portal, stage: "password", next: purpose === "CODE" ? "code" : "enrol" },
        request,
      });
      return secret;
    });
    return { ok: false, secondStep: { pendingSecret, purpose } };
  }

  if (account && passwordOk && account.status === "ACTIVE") {
    const session = await client.$transaction(async (tx) => {
      await clearFailures(tx, subject);
      const owner = portal === "mypatients" ? { portal, providerId: account.id } : { portal, accountId: account.id };
      const created = await createSession(tx, owner, now);
      await recordAudit(tx, {
        actor: { type: actorType, id: account.id },
        action: "auth.sign_in",
        outcome: AuditOutcome.SUCCESS,
        details: { portal, sessionId: created.id },
        request,
      });
      return created;
    });
    return { ok: true, userId: account.id, sessionSecret: session.secret };
  }

  await client.$transaction(async (tx) => {
    const reason = refusalReason(account, passwordOk);
    await recordAudit(tx, {
      actor: { type: ActorType.ANONYMOUS },
      action: "auth.sign_in",
      outcome: AuditOutcome.FAILURE,
      details: { portal, email, reason, ...(account ? { accountId: account.id } : {}) },
      request,
    });
    // The reserved attempt stands as this failure; if it was the tenth, the account is now locked.
    const locked = await currentLock(tx, subject, now);
    if (locked) {
      await recordAudit(tx, {
        actor: { type: ActorType.ANONYMOUS },
        action: "auth.lockout",
        outcome: AuditOutcome.DENIED,
        details: { portal, email, lockedUntil: locked.toISOString(), ...(account ? { accountId: account.id } : {}) },
        request,
      });
    }
  });
  return { ok: false };
}
