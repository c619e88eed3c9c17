"use server";
// Server actions of MyChildren's: decide a request, revoke access, invite a provider, withdraw an
// invitation. Each authenticates first, validates with zod, and the data layer checks that the
// account is an approver of the patient concerned.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { RequestMetadata } from "@/lib/audit/record";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { CHECK_FIELDS, formStrings, type FormState } from "@/lib/forms";
import { revokeGrant } from "@/lib/grants/revoke";
import { requestMetadata } from "@/lib/http/request-metadata";
import { decideRequest, decisionInput } from "@/lib/requests/decide";
import { invitationInput, issueInvitation } from "@/lib/tokens/issue";
import { withdrawInvitation } from "@/lib/tokens/withdraw";
import { MRN_PATTERN } from "@/lib/patients/mrn";

export interface DecisionState extends FormState<"accessEnds" | "reason"> {
  decision?: "approve" | "deny";
}

export async function decideAction(_previous: DecisionState, formData: FormData): Promise<DecisionState> {
  const account = await requireFamilyAccount();
  const values = formStrings(formData, ["decision", "requestId", "accessEnds", "reason"] as const);
  const parsed = decisionInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: DecisionState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "accessEnds" || field === "reason") fieldErrors[field] ??= issue.message;
    }
    return { ok: false, message: Object.keys(fieldErrors).length > 0 ? CHECK_FIELDS : "This request was not found.", fieldErrors, values: { accessEnds: values.accessEnds, reason: values.reason } };
  }
  const outcome = await decideRequest(parsed.data, { accountId: account.accountId, request: await requestMetadata() });
  // No revalidation: this page keeps showing the outcome; every other page is rendered fresh anyway.
  if (!outcome.ok) return { ok: false, message: outcome.message };
  return {
    ok: true,
    decision: outcome.decision,
    message: outcome.decision === "approve" ? "Approved. The provider can now open the record, and was told by email." : "Denied. The provider was told by email.",
  };
}

const idInput = z.object({ id: z.uuid(), mrn: z.string().regex(MRN_PATTERN) });

/** A change on the sharing page to one grant or invitation, named by the form's id. */
async function changeSharing(
  formData: FormData,
  change: (id: string, caller: { accountId: string; request: RequestMetadata }) => Promise<{ ok: true } | { ok: false; message: string }>,
  messages: { notFound: string; done: string },
): Promise<FormState> {
  const account = await requireFamilyAccount();
  const parsed = idInput.safeParse(formStrings(formData, ["id", "mrn"] as const));
  if (!parsed.success) return { ok: false, message: messages.notFound };
  const outcome = await change(parsed.data.id, { accountId: account.accountId, request: await requestMetadata() });
  if (!outcome.ok) return outcome;
  revalidatePath(`/mychildren/patients/${parsed.data.mrn}/sharing`);
  return { ok: true, message: messages.done };
}

export async function revokeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return changeSharing(formData, (id, caller) => revokeGrant(id, caller), {
    notFound: "This access was not found.",
    done: "Access revoked. The provider can no longer open the record.",
  });
}

export async function withdrawAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return changeSharing(formData, (id, caller) => withdrawInvitation(id, caller), {
    notFound: "This invitation was not found.",
    done: "Invitation withdrawn. Its token no longer works.",
  });
}

export async function inviteAction(_previous: FormState<"providerEmail">, formData: FormData): Promise<FormState<"providerEmail">> {
  const account = await requireFamilyAccount();
  const values = formStrings(formData, ["mrn", "providerEmail"] as const);
  const parsed = invitationInput.safeParse(values);
  if (!parsed.success) {
    const message = parsed.error.issues.find((issue) => issue.path[0] === "providerEmail")?.message ?? "Enter the provider's email address.";
    return { ok: false, message: CHECK_FIELDS, fieldErrors: { providerEmail: message }, values: { providerEmail: values.providerEmail } };
  }
  const outcome = await issueInvitation(parsed.data, { issuer: { accountId: account.accountId }, request: await requestMetadata() });
  if (!outcome.ok) return { ok: false, message: outcome.message };
  revalidatePath(`/mychildren/patients/${parsed.data.mrn}/sharing`);
  return { ok: true, message: `Invitation sent to ${parsed.data.providerEmail}. The token in it works until ${new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(outcome.expiresAt)}.` };
}
