"use server";
// Server actions of MyChildren's: decide a request, revoke access, invite a provider, withdraw an
// invitation. The builder (lib/forms.ts) checks the session and the input first; the data layer
// checks that the account is an approver of the patient concerned.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { datesIn } from "@/lib/format";
import { formAction } from "@/lib/forms";
import { pageLocale } from "@/lib/i18n/page";
import { revokeGrant } from "@/lib/grants/revoke";
import { decideRequest, decisionInput } from "@/lib/requests/decide";
import { invitationInput, issueInvitation } from "@/lib/tokens/issue";
import { withdrawInvitation } from "@/lib/tokens/withdraw";
import { mrn, recordId } from "@/lib/validation";

export interface DecisionState extends FormState<"decision" | "requestId" | "accessEnds" | "reason"> {
  decision?: "approve" | "deny";
}

export const decideAction = formAction({
  caller: "family",
  fields: ["decision", "requestId", "accessEnds", "reason"],
  hidden: ["decision", "requestId"],
  schema: decisionInput,
  async run(input, { caller, request }): Promise<DecisionState> {
    const outcome = await decideRequest(input, { accountId: caller.accountId, request });
    // No revalidation: this page keeps showing the outcome; every other page is rendered fresh anyway.
    if (!outcome.ok) return { ok: false, message: outcome.message };
    const t = await getTranslations("request");
    return { ok: true, decision: outcome.decision, message: outcome.decision === "approve" ? t("approved") : t("denied") };
  },
});

/** A change on the sharing page to one grant or invitation, named by the form's id; `done` is its catalog key under "sharing". */
function sharingChange(change: typeof revokeGrant | typeof withdrawInvitation, messages: { notFound: string; done: "revoked" | "withdrawn" }) {
  return formAction({
    caller: "family",
    fields: ["id", "mrn"],
    hidden: ["id", "mrn"],
    schema: z.object({ id: recordId(messages.notFound), mrn: mrn(messages.notFound) }),
    async run(input, { caller, request }): Promise<FormState<"id" | "mrn">> {
      const outcome = await change(input.id, { accountId: caller.accountId, request });
      if (!outcome.ok) return outcome;
      revalidatePath(`/mychildren/patients/${input.mrn}/sharing`);
      const t = await getTranslations("sharing");
      return { ok: true, message: t(messages.done) };
    },
  });
}

export const revokeAction = sharingChange(revokeGrant, {
  notFound: "This access was not found.",
  done: "revoked",
});

export const withdrawAction = sharingChange(withdrawInvitation, {
  notFound: "This invitation was not found.",
  done: "withdrawn",
});

export const inviteAction = formAction({
  caller: "family",
  fields: ["mrn", "providerEmail"],
  hidden: ["mrn"],
  schema: invitationInput,
  async run(input, { caller, request }): Promise<FormState<"mrn" | "providerEmail">> {
    const outcome = await issueInvitation(input, { issuer: { accountId: caller.accountId }, request });
    if (!outcome.ok) return { ok: false, message: outcome.message };
    revalidatePath(`/mychildren/patients/${input.mrn}/sharing`);
    const [t, locale] = await Promise.all([getTranslations("sharing"), pageLocale()]);
    return { ok: true, message: t("invitationSent", { email: input.providerEmail, date: datesIn(locale).date(outcome.expiresAt) }) };
  },
});
