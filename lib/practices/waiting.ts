// Who hears that a provider waits for approval (SPEC §6, "membership waiting"): the site
// administrators of the practice, or, for a practice that is not enrolled or has no site
// administrator, hospital staff. Queued in the caller's transaction.
import { siteAdministratorsOf } from "@/lib/access";
import { queueEmail } from "@/lib/email/outbox";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function notifyMembershipWaiting(tx: Prisma.TransactionClient, providerId: string): Promise<void> {
  const provider = await tx.provider.findUniqueOrThrow({
    where: { id: providerId },
    select: { id: true, fullName: true, membershipStatus: true, practice: { select: { id: true, name: true, status: true } } },
  });
  if (provider.membershipStatus !== "PENDING") return;
  const practice = provider.practice;
  const admins = practice.status === "ENROLLED" ? await tx.provider.findMany({ where: siteAdministratorsOf(practice.id), select: { email: true } }) : [];
  const audience = admins.length > 0 ? "siteAdmin" : "staff";
  const recipients = admins.length > 0 ? admins : await tx.staff.findMany({ where: { disabledAt: null }, select: { email: true } });
  for (const { email } of recipients) {
    await queueEmail(tx, { template: "membershipWaiting", to: email, props: { providerName: provider.fullName, practiceName: practice.name, providerId: provider.id, audience } });
  }
}
