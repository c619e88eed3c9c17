"use server";
// Server action of My access requests: "Cancel request". The builder (lib/forms.ts) checks the
// session and the input; the data layer cancels only the provider's own pending request.
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { cancelInput, cancelRequest } from "@/lib/requests/cancel";

export const cancelRequestAction = formAction({
  caller: "provider",
  fields: ["requestId"],
  hidden: ["requestId"],
  schema: cancelInput,
  async run(input, { caller, request }): Promise<FormState<"requestId">> {
    const outcome = await cancelRequest(input, { providerId: caller.providerId, request });
    if (!outcome.ok) return { ok: false, message: outcome.message };
    // No revalidation: the row keeps its live region, which announces the outcome; the list reads fresh on the next visit.
    return { ok: true, message: "Request cancelled. The family is no longer asked to answer it." };
  },
});
