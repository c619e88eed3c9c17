"use server";
// The staff console's actions (SPEC §5b). Only signed-in staff get past the builder; each calls
// the hospital function of lib/ that the admin command line calls too, with the staff member's
// email as the actor of its audit event. Disabling an account or ending a link takes effect on
// that person's next request (their sessions end; the link stops counting in lib/access.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { disableFamilyAccount, endPatientLink } from "@/lib/family/hospital";
import { issueActivationCode } from "@/lib/family/activation";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { disableProvider, enableProvider, enrollPractice } from "@/lib/practices/hospital";
import { approveMembership, declineMembership, makeSiteAdmin } from "@/lib/practices/memberships";
import { freeText, mrn, recordId } from "@/lib/validation";

type Outcome = { ok: true } | { ok: false; message: string };
type Context = { staff: string; request: { ip?: string | null; userAgent?: string | null } };

const PROVIDER_CHANGES: Record<string, { change: (id: string, context: Context) => Promise<Outcome>; done: string }> = {
  approve: { change: (id, { staff, request }) => approveMembership(id, { actor: { staff }, request }), done: "Approved. They were told by email and can now use MyPatients." },
  decline: { change: (id, { staff, request }) => declineMembership(id, { actor: { staff }, request }), done: "Declined. They were told by email." },
  makeSiteAdmin: { change: (id, { staff, request }) => makeSiteAdmin(id, { actor: { staff }, request }), done: "They are now a site administrator of their practice." },
  disable: { change: (id, context) => disableProvider(id, context), done: "The account is disabled; every session it had has ended." },
  enable: { change: (id, context) => enableProvider(id, context), done: "The account is enabled again." },
};

export const providerAction = formAction({
  caller: "staff",
  fields: ["providerId", "change"],
  hidden: ["providerId", "change"],
  schema: z.object({
    providerId: recordId("This provider was not found."),
    change: z.enum(["approve", "decline", "makeSiteAdmin", "disable", "enable"], "Choose what to do."),
  }),
  async run(input, { caller, request }): Promise<FormState<"providerId" | "change">> {
    const { change, done } = PROVIDER_CHANGES[input.change]!;
    const outcome = await change(input.providerId, { staff: caller.email, request });
    if (!outcome.ok) return { ok: false, message: outcome.message };
    revalidatePath(`/staff/providers/${input.providerId}`);
    return { ok: true, message: done };
  },
});

export const enrollAction = formAction({
  caller: "staff",
  fields: ["practiceId"],
  hidden: ["practiceId"],
  schema: z.object({ practiceId: recordId("This practice was not found.") }),
  async run(input, { caller, request }): Promise<FormState<"practiceId">> {
    const outcome = await enrollPractice(input.practiceId, { staff: caller.email, request });
    if (!outcome.ok) return outcome;
    // No revalidation: the row keeps showing the outcome; the lists are rebuilt on the next visit.
    return { ok: true, message: "Enrolled. Approve its waiting providers, then name a site administrator." };
  },
});

export const disableFamilyAction = formAction({
  caller: "staff",
  fields: ["accountId"],
  hidden: ["accountId"],
  schema: z.object({ accountId: recordId("This account was not found.") }),
  async run(input, { caller, request }): Promise<FormState<"accountId">> {
    const outcome = await disableFamilyAccount(input.accountId, { staff: caller.email, request });
    return outcome.ok ? { ok: true, message: "The account is disabled; every session it had has ended." } : outcome;
  },
});

export const endLinkAction = formAction({
  caller: "staff",
  fields: ["linkId", "reason"],
  hidden: ["linkId"],
  schema: z.object({
    linkId: recordId("This link was not found."),
    reason: freeText(500).pipe(z.string().min(1, "Give the reason for ending this link (for example, a custody change).")),
  }),
  async run(input, { caller, request }): Promise<FormState<"linkId" | "reason">> {
    const outcome = await endPatientLink(input.linkId, input.reason, { staff: caller.email, request });
    return outcome.ok ? { ok: true, message: "The link has ended. From their next click, this account no longer sees the patient's pages." } : outcome;
  },
});

export type ActivationField = "mrn" | "relationship";

export const activationCodeAction = formAction({
  caller: "staff",
  fields: ["mrn", "relationship"],
  schema: z.object({
    mrn: mrn("Enter the patient's MRN, digits only.", "Enter the patient's MRN."),
    relationship: z.enum(["GUARDIAN", "SELF"], "Choose the relationship."),
  }),
  async run(input, { caller, request }): Promise<FormState<ActivationField> & { code?: string; expiresAt?: string }> {
    const outcome = await issueActivationCode(input, { staff: caller.email, request });
    if (!outcome.ok) return { ok: false, message: "No patient has this MRN.", fieldErrors: { mrn: "No patient has this MRN." } };
    // Shown once, here: only its hash is kept.
    return { ok: true, message: `Activation code issued for MRN ${input.mrn}. Give it to the family now: it is not shown again.`, code: outcome.code, expiresAt: outcome.expiresAt.toISOString() };
  },
});
