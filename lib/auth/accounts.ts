// Disabling accounts (SPEC §7): a disabled account cannot sign in, and every session it has
// ends at once (validateSession also refuses a session whose account is not active).
import { revokeAllSessions } from "@/lib/auth/session-store";
import { AccountStatus, ProviderStatus, type PrismaClient } from "@/lib/generated/prisma/client";

export async function disableProvider(client: PrismaClient, providerId: string, now: Date = new Date()): Promise<void> {
  await client.$transaction(async (tx) => {
    await tx.provider.update({ where: { id: providerId }, data: { status: ProviderStatus.DISABLED, disabledAt: now } });
    await revokeAllSessions(tx, { providerId }, now);
  });
}

export async function disableFamilyAccount(client: PrismaClient, accountId: string, now: Date = new Date()): Promise<void> {
  await client.$transaction(async (tx) => {
    await tx.familyAccount.update({ where: { id: accountId }, data: { status: AccountStatus.DISABLED, disabledAt: now } });
    await revokeAllSessions(tx, { accountId }, now);
  });
}
