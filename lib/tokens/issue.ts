// Issuing an invitation (SPEC §2, §5): an approver of the patient (or hospital staff) invites a
// provider by email. The token is emailed and shown nowhere else; only its hash is stored.
import { z } from "zod";
import { managedBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { addMonths } from "@/lib/dates";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateToken, hashToken, normalizeToken } from "@/lib/tokens/format";
import { emailAddress, mrn } from "@/lib/validation";

export const TOKEN_LIFETIME_MONTHS = 6;

export const invitationInput = z.object({
  mrn: mrn("Patient not found"),
  providerEmail: emailAddress({ missing: "Enter the provider's email address.", invalid: "Enter the provider's email address." }),
});

export type Issuer = { accountId: string } | { staff: string };

export type InvitationOutcome = { ok: true; id: string; expiresAt: Date } | { ok: false; message: string };

export async function issueInvitation(
  input: z.infer<typeof invitationInput>,
  caller: { issuer: Issuer; now?: Date; request?: RequestMetadata },
  prisma: PrismaClient = db(),
): Promise<InvitationOutcome> {
  const now = caller.now ?? new Date();
  const { issuer } = caller;
  return prisma.$transaction(async (tx): Promise<InvitationOutcome> => {
    // An account may invite only for a patient it approves for; anything else is "not found".
    const patient = await tx.patient.findFirst({
      where: "accountId" in issuer
        ? { AND: [{ mrn: input.mrn }, managedBy(issuer.accountId, now)] }
        : { mrn: input.mrn },
      select: { id: true, mrn: true },
    });
    if (!patient) return { ok: false, message: "Patient not found" };

    const token = generateToken();
    const expiresAt = addMonths(now, TOKEN_LIFETIME_MONTHS);
    const invitation = await tx.invitationToken.create({
      data: {
        patientId: patient.id,
        tokenHash: hashToken(normalizeToken(token)!),
        providerEmail: input.providerEmail,
        issuedById: "accountId" in issuer ? issuer.accountId : null,
        issuedByStaff: "staff" in issuer ? issuer.staff : null,
        expiresAt,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: "accountId" in issuer ? { type: "FAMILY", id: issuer.accountId } : { type: "STAFF", id: issuer.staff },
      action: "token.issue",
      outcome: "SUCCESS",
      patientId: patient.id,
      details: { invitationId: invitation.id, providerEmail: input.providerEmail },
      request: caller.request,
    });
    await queueEmail(tx, { template: "invitation", to: input.providerEmail, props: { token, mrn: patient.mrn, expiresAt: expiresAt.toISOString() } });
    return { ok: true, id: invitation.id, expiresAt };
  });
}
