"use server";
// Server actions of Patient Selection: search, and Request Non-PCP access. The data layer applies
// the access rule; the builder (lib/forms.ts) checks the session and the input first.
import { flattenError, type z } from "zod";
import type { RequestMetadata } from "@/lib/audit/record";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { requestAccess, requestInput } from "@/lib/requests/create";
import { searchForm, searchPatients, type SearchResult } from "@/lib/patients/search";
import { RateLimitedError } from "@/lib/rate-limit";

export type SearchField = "intent" | "lastName" | "firstName" | "dateOfBirth" | "mrn" | "reason";

/** Without JavaScript, the outcome of "Request Non-PCP access" sent from a search result. */
export interface SearchRequestOutcome {
  mrn: string;
  ok: boolean;
  message?: string;
  /** The problem with the typed reason, shown beside it; nothing was sent. */
  reasonError?: string;
  /** The reason as typed, kept when the request was refused. */
  reason?: string;
}

export interface SearchState extends FormState<SearchField> {
  results?: SearchResult[];
  request?: SearchRequestOutcome;
}

const REQUEST_SENT = "Request sent. The patient or guardian will be asked to approve it.";

/**
 * The search form, and, when JavaScript is off, each result's "Request Non-PCP access" form
 * (intent "requestAccess"), which posts here so the page can show the result again with the
 * request's outcome. With JavaScript, requests go through requestAccessAction below.
 */
export const searchAction = formAction({
  caller: "member",
  fields: ["intent", "lastName", "firstName", "dateOfBirth", "mrn", "reason"],
  hidden: ["intent"],
  schema: searchForm,
  async run(input, { caller, request }): Promise<SearchState> {
    try {
      return await searchOrRequest(input, { providerId: caller.providerId, request });
    } catch (error) {
      // Over the search limit (SPEC §7): told plainly, nothing searched.
      if (error instanceof RateLimitedError) return { ok: false, message: error.message };
      throw error;
    }
  },
});

async function searchOrRequest(input: z.infer<typeof searchForm>, asker: { providerId: string; request: RequestMetadata }): Promise<SearchState> {
  if (input.intent === "requestAccess") {
    // Not an MRN of a result: the form was not one this page made.
    const mrn = requestInput.shape.mrn.safeParse(input.mrn);
    if (!mrn.success) return { ok: false, message: flattenError(mrn.error).formErrors[0] };
    const parsed = requestInput.safeParse({ mrn: mrn.data, reason: input.reason });
    let outcome: SearchRequestOutcome;
    if (!parsed.success) {
      const reasonError = flattenError(parsed.error).fieldErrors.reason?.[0];
      outcome = { mrn: mrn.data, ok: false, message: "Nothing was sent. Check the reason.", reasonError, reason: input.reason };
    } else {
      const sent = await requestAccess(parsed.data, asker);
      outcome = sent.ok ? { mrn: mrn.data, ok: true, message: REQUEST_SENT } : { mrn: mrn.data, ok: false, message: sent.message, reason: input.reason };
    }
    // The result is shown again, as a search by its MRN, with its state after the request.
    const results = await searchPatients({ mrn: mrn.data, lastName: "", firstName: "", dateOfBirth: "" }, asker);
    return { ok: true, results, request: outcome, values: { mrn: mrn.data }, message: results.length === 0 ? "No matching patient found" : undefined };
  }
  const results = await searchPatients({ mrn: input.mrn, lastName: input.lastName, firstName: input.firstName, dateOfBirth: input.dateOfBirth }, asker);
  return { ok: true, results, message: results.length === 0 ? "No matching patient found" : undefined };
}

export interface RequestState extends FormState<"mrn" | "reason"> {
  /** The request now pending for this patient (sent now, or already before). */
  pending?: boolean;
}

export const requestAccessAction = formAction({
  caller: "member",
  fields: ["mrn", "reason"],
  hidden: ["mrn"],
  schema: requestInput,
  async run(input, { caller, request }): Promise<RequestState> {
    const outcome = await requestAccess(input, { providerId: caller.providerId, request });
    if (outcome.ok) return { ok: true, pending: true, message: REQUEST_SENT };
    return { ok: false, pending: outcome.code === "PENDING", message: outcome.message };
  },
});
