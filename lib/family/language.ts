// A MyChildren's account's language (SPEC §9): kept on the account, changed with the switcher or in
// Account, and the language of its pages and of the emails to it. A change is audited like any
// other change to the account.
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { languageOf, type Locale } from "@/lib/i18n/locales";

/**
 * Sets the language of the account `who` names (the signed-in account, or the one that just signed
 * in with this email). Nothing changes, and nothing is audited, when it already has that language.
 */
export async function setAccountLanguage(
  who: { accountId: string } | { email: string },
  locale: Locale,
  caller: { request?: RequestMetadata },
  prisma: PrismaClient = db(),
): Promise<{ changed: boolean }> {
  const language = languageOf(locale);
  return prisma.$transaction(async (tx) => {
    const account = await tx.familyAccount.findFirst({ where: { ...("accountId" in who ? { id: who.accountId } : { email: who.email }), status: "ACTIVE" }, select: { id: true, language: true } });
    if (!account || account.language === language) return { changed: false };
    await tx.familyAccount.update({ where: { id: account.id }, data: { language } });
    await recordAudit(tx, { actor: { type: "FAMILY", id: account.id }, action: "account.language", outcome: "SUCCESS", details: { from: account.language, to: language }, request: caller.request });
    return { changed: true };
  });
}
