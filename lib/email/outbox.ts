// The transactional outbox: queue an email inside the caller's transaction, so the change,
// its audit event and its email commit together or not at all.
import type { Prisma } from "@/lib/generated/prisma/client";
import { EMAILS, type EmailName, type EmailProps } from "@/lib/email/catalog";

export interface QueuedEmail<Name extends EmailName> {
  template: Name;
  to: string;
  props: EmailProps<Name>;
}

/** Writes the email to the outbox with `tx`; the sender delivers it once `tx` commits. */
export async function queueEmail<Name extends EmailName>(tx: Prisma.TransactionClient, email: QueuedEmail<Name>): Promise<{ id: string }> {
  const definition = EMAILS[email.template];
  const props = definition.props.parse(email.props) as Prisma.InputJsonObject;
  return tx.outboxEmail.create({
    data: { to: email.to, subject: definition.subject, template: email.template, props },
    select: { id: true },
  });
}
