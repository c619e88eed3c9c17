// The transactional outbox: queue an email inside the caller's transaction, so the change,
// its audit event and its email commit together or not at all.
import { EMAILS, emailLocale, emailSubject, type EmailName, type EmailProps, type FamilyEmailName } from "@/lib/email/catalog";
import type { Language, Prisma } from "@/lib/generated/prisma/client";
import { languageOf, localeOf } from "@/lib/i18n/locales";

export type QueuedEmail<Name extends EmailName> = {
  template: Name;
  to: string;
  props: EmailProps<Name>;
} & ([Extract<Name, FamilyEmailName>] extends [never]
  ? {
      /** Emails to providers and staff are in English. */
      language?: undefined;
    }
  : {
      /**
       * The recipient family account's language (FamilyAccount.language): the email is written in it.
       * Needed whenever the template may be a family's (a provider's one ignores it).
       */
      language: Language;
    });

/**
 * Writes the email to the outbox with `tx`; the sender delivers it once `tx` commits. Its language
 * is decided now and kept on the row, so the sender renders it in that language later.
 */
export async function queueEmail<Name extends EmailName>(tx: Prisma.TransactionClient, email: QueuedEmail<Name>): Promise<{ id: string }> {
  const definition = EMAILS[email.template];
  const props = definition.props.parse(email.props) as Prisma.InputJsonObject;
  if (definition.audience === "family" && !email.language) throw new Error(`the ${email.template} email needs its recipient's language`);
  const locale = emailLocale(email.template, localeOf(email.language ?? "EN"));
  return tx.outboxEmail.create({
    data: { to: email.to, subject: emailSubject(email.template, locale), template: email.template, props, language: languageOf(locale) },
    select: { id: true },
  });
}
