// MyPatients registration and email verification (SPEC §4). A new provider is UNVERIFIED until
// they follow the emailed link (single use, 24 hours). Registering with an email that is already
// registered answers exactly like a new registration and emails the owner instead, so the form
// never tells anyone whether an email has an account. An NPI is public, so a taken NPI is said plainly.
// Nobody vouches for themselves (SPEC §2): a new provider's membership of the practice they name
// waits for a site administrator of that practice, or for hospital staff when the practice is new
// (named here, "My practice is not listed") or has no site administrator; they are told once the
// email is verified.
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret, looksLikeSecret, newSecret } from "@/lib/auth/secrets";
import type { RegistrationField, RegistrationInput } from "@/lib/auth/validation";

/** Where the verified provider goes after signing in (a safe MyPatients path), carried by the verification email. */
type ReturnTo = { next?: string | null };
import { queueEmail } from "@/lib/email/outbox";
import { ActorType, AuditOutcome, PracticeKind, PracticeStatus, Prisma, ProviderStatus, type PrismaClient } from "@/lib/generated/prisma/client";
import { notifyMembershipWaiting } from "@/lib/practices/waiting";
import { RATE_LIMITS, takeRateLimit, type RateLimit } from "@/lib/rate-limit";

export const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

export const NPI_TAKEN = "This NPI is already registered. Sign in with the account that uses it, or contact provider support if it is yours.";
export const UNKNOWN_PRACTICE = "Choose your practice from the list, or choose \"My practice is not listed\".";
export const PRACTICE_LISTED = "This practice is already enrolled: find it in the list instead.";

export type RegistrationResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<RegistrationField, string>> } | { ok: false; rateLimited: string };

type PracticeChoice = { ok: true; practiceId: string | null } | { ok: false; fieldErrors: Partial<Record<RegistrationField, string>> };

/**
 * The practice a registration names: an enrolled one chosen from the list, or one named as not
 * listed, which is an existing pending practice of that name (another newcomer named it first),
 * or none yet (practiceId null: it is created with the provider).
 */
async function choosePractice(tx: Prisma.TransactionClient, input: RegistrationInput & ReturnTo): Promise<PracticeChoice> {
  if (input.notListed === "") {
    const practice = await tx.practice.findFirst({ where: { id: input.practiceId, status: PracticeStatus.ENROLLED }, select: { id: true } });
    return practice ? { ok: true, practiceId: practice.id } : { ok: false, fieldErrors: { practiceId: UNKNOWN_PRACTICE } };
  }
  const named = await tx.practice.findFirst({ where: { name: { equals: input.practiceName, mode: "insensitive" } }, select: { id: true, status: true } });
  if (named?.status === PracticeStatus.ENROLLED) return { ok: false, fieldErrors: { practiceName: PRACTICE_LISTED } };
  return { ok: true, practiceId: named?.id ?? null };
}

/** The practice the provider joins: the chosen one, or a new pending practice by the name they gave. */
async function practiceToJoin(tx: Prisma.TransactionClient, input: RegistrationInput & ReturnTo, chosen: string | null, request: RequestMetadata, now: Date): Promise<string> {
  if (chosen) return chosen;
  if (input.notListed !== "on") throw new Error("registration: a listed practice was not found");
  const practice = await tx.practice.create({
    data: { name: input.practiceName, city: input.practiceCity, phone: input.practicePhone, kind: PracticeKind.SPECIALTY, status: PracticeStatus.PENDING, createdAt: now },
    select: { id: true },
  });
  await recordAudit(tx, { actor: { type: ActorType.ANONYMOUS }, action: "practice.create", outcome: AuditOutcome.SUCCESS, details: { practiceId: practice.id, name: input.practiceName }, request });
  return practice.id;
}

/**
 * An unverified registration whose every link has expired holds neither its email nor its NPI:
 * whoever registered it never proved they own the address, and its owner may register again.
 */
function staleRegistration(now: Date): Prisma.ProviderWhereInput {
  return { status: ProviderStatus.UNVERIFIED, emailVerifications: { none: { usedAt: null, expiresAt: { gt: now } } } };
}

async function registerOnce(client: PrismaClient, input: RegistrationInput & ReturnTo, passwordHash: string, request: RequestMetadata, now: Date): Promise<RegistrationResult> {
  return client.$transaction(async (tx) => {
    const practice = await choosePractice(tx, input);
    if (!practice.ok) return practice;
    const npiHolder = await tx.provider.findFirst({ where: { npi: input.npi, NOT: staleRegistration(now) }, select: { id: true } });
    if (npiHolder) return { ok: false, fieldErrors: { npi: NPI_TAKEN } };

    // Every registration that would send an email counts (SPEC §7): 5 per client address per hour,
    // 3 per email per day, whether or not the email has an account, so the answer reveals nothing.
    const limits: [RateLimit, string | null | undefined][] = [[RATE_LIMITS.registrationAddress, request.ip], [RATE_LIMITS.registrationEmail, input.email]];
    for (const [rule, subject] of limits) {
      if (!subject) continue;
      const decision = await takeRateLimit(tx, rule, subject, now);
      if (!decision.allowed) {
        await recordAudit(tx, { actor: { type: ActorType.ANONYMOUS }, action: "rate_limit.refuse", outcome: AuditOutcome.DENIED, details: { limit: rule.kind, retryAt: decision.retryAt.toISOString() }, request });
        return { ok: false, rateLimited: decision.message };
      }
    }

    await tx.provider.deleteMany({ where: { AND: [{ OR: [{ email: input.email }, { npi: input.npi }] }, staleRegistration(now)] } });

    const owner = await tx.provider.findUnique({ where: { email: input.email }, select: { id: true, fullName: true, email: true } });
    if (owner) {
      await queueEmail(tx, { template: "registrationAttempt", to: owner.email, props: { fullName: owner.fullName } });
      await recordAudit(tx, {
        actor: { type: ActorType.ANONYMOUS },
        action: "auth.register",
        outcome: AuditOutcome.DENIED,
        details: { reason: "email-registered", accountId: owner.id },
        request,
      });
      return { ok: true };
    }

    const secret = newSecret();
    const practiceId = await practiceToJoin(tx, input, practice.practiceId, request, now);
    const provider = await tx.provider.create({
      data: {
        fullName: input.fullName,
        email: input.email,
        npi: input.npi,
        practiceId,
        passwordHash,
        status: ProviderStatus.UNVERIFIED,
        emailVerifications: { create: { tokenHash: hashSecret(secret), expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS), createdAt: now } },
      },
      select: { id: true },
    });
    await queueEmail(tx, { template: "verifyEmail", to: input.email, props: { fullName: input.fullName, secret, ...(input.next ? { next: input.next } : {}) } });
    await recordAudit(tx, { actor: { type: ActorType.PROVIDER, id: provider.id }, action: "auth.register", outcome: AuditOutcome.SUCCESS, request });
    return { ok: true };
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Registers a provider (input already validated by registrationSchema). */
export async function registerProvider(client: PrismaClient, input: RegistrationInput & ReturnTo, request: RequestMetadata, now: Date = new Date()): Promise<RegistrationResult> {
  // Hashed whatever happens next, so an already-registered email takes as long as a new one.
  const passwordHash = await hashPassword(input.password);
  try {
    return await registerOnce(client, input, passwordHash, request, now);
  } catch (error) {
    // Another registration with the same email or NPI committed in between: decide again.
    if (!isUniqueViolation(error)) throw error;
    return registerOnce(client, input, passwordHash, request, now);
  }
}

export type VerificationState = "valid" | "used" | "expired" | "unknown";

/** What a link that cannot verify anything says. */
export const VERIFICATION_PROBLEMS: Record<Exclude<VerificationState, "valid">, string> = {
  used: "This verification link has already been used. If it was you, your email is verified: sign in.",
  expired: "This verification link has expired: links work for 24 hours. Register again to get a new one.",
  unknown: "This verification link is not valid. Open the whole link from the email, or register again.",
};

async function verificationState(client: PrismaClient | Prisma.TransactionClient, secret: unknown, now: Date): Promise<VerificationState> {
  if (!looksLikeSecret(secret)) return "unknown";
  const verification = await client.emailVerification.findUnique({ where: { tokenHash: hashSecret(secret) }, select: { usedAt: true, expiresAt: true } });
  if (!verification) return "unknown";
  if (verification.usedAt) return "used";
  return verification.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

/** What a verification link would do if followed now; changes nothing. */
export function inspectVerification(client: PrismaClient, secret: unknown, now: Date = new Date()): Promise<VerificationState> {
  return verificationState(client, secret, now);
}

/** Follows a verification link: activates the provider once; a used, expired or unknown link changes nothing. */
export async function verifyProviderEmail(
  client: PrismaClient,
  secret: unknown,
  request: RequestMetadata,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; state: Exclude<VerificationState, "valid"> }> {
  if (!looksLikeSecret(secret)) return { ok: false, state: "unknown" };
  const tokenHash = hashSecret(secret);
  return client.$transaction(async (tx) => {
    const { count } = await tx.emailVerification.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) {
      const state = await verificationState(tx, secret, now);
      return { ok: false, state: state === "valid" ? "used" : state };
    }
    const { providerId } = await tx.emailVerification.findUniqueOrThrow({ where: { tokenHash }, select: { providerId: true } });
    // A disabled account stays disabled; only an unverified one becomes active.
    const { count: activated } = await tx.provider.updateMany({ where: { id: providerId, status: ProviderStatus.UNVERIFIED }, data: { status: ProviderStatus.ACTIVE, emailVerifiedAt: now } });
    await recordAudit(tx, { actor: { type: ActorType.PROVIDER, id: providerId }, action: "auth.verify_email", outcome: AuditOutcome.SUCCESS, request });
    // Now that the address is proven, whoever vouches for the membership hears of it.
    if (activated === 1) await notifyMembershipWaiting(tx, providerId);
    return { ok: true };
  });
}

export interface PendingRegistration {
  fullName: string;
  npi: string;
  practiceName: string;
}

/**
 * What a valid verification link is about to activate (SPEC §4: name, NPI and practice), so its
 * reader can tell whether the registration is theirs; null for any link that cannot verify.
 */
export async function pendingRegistration(client: PrismaClient, secret: unknown, now: Date = new Date()): Promise<PendingRegistration | null> {
  if (!looksLikeSecret(secret)) return null;
  const verification = await client.emailVerification.findFirst({
    where: { tokenHash: hashSecret(secret), usedAt: null, expiresAt: { gt: now }, provider: { status: ProviderStatus.UNVERIFIED } },
    select: { provider: { select: { fullName: true, npi: true, practice: { select: { name: true } } } } },
  });
  return verification ? { fullName: verification.provider.fullName, npi: verification.provider.npi, practiceName: verification.provider.practice.name } : null;
}

/**
 * "This wasn't me": cancels an unverified registration with its link, freeing its email and NPI
 * (and the practice it named as not listed, if nobody else named it). Audited; the link is spent.
 */
export async function cancelRegistration(client: PrismaClient, secret: unknown, request: RequestMetadata, now: Date = new Date()): Promise<{ ok: true } | { ok: false; state: Exclude<VerificationState, "valid"> }> {
  if (!looksLikeSecret(secret)) return { ok: false, state: "unknown" };
  const tokenHash = hashSecret(secret);
  return client.$transaction(async (tx) => {
    const { count } = await tx.emailVerification.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const verification = count === 1 ? await tx.emailVerification.findUnique({ where: { tokenHash }, select: { provider: { select: { id: true, status: true, practiceId: true, npi: true } } } }) : null;
    if (!verification || verification.provider.status !== ProviderStatus.UNVERIFIED) {
      const state = await verificationState(tx, secret, now);
      return { ok: false, state: state === "valid" ? "used" : state };
    }
    const { provider } = verification;
    await tx.provider.delete({ where: { id: provider.id } });
    // A practice named as not listed goes too when this registration was all that named it.
    const others = await tx.provider.count({ where: { practiceId: provider.practiceId } });
    if (others === 0) await tx.practice.deleteMany({ where: { id: provider.practiceId, status: PracticeStatus.PENDING } });
    await recordAudit(tx, { actor: { type: ActorType.ANONYMOUS }, action: "auth.registration_cancel", outcome: AuditOutcome.SUCCESS, details: { providerId: provider.id, npi: provider.npi }, request });
    return { ok: true };
  });
}
