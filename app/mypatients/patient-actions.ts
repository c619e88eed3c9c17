"use server";
// Server actions of Patient Selection: search, and Request Non-PCP access. The data layer applies
// the access rule; the builder (lib/forms.ts) checks the session and the input first.
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { requestAccess, requestInput } from "@/lib/requests/create";
import { searchInput, searchPatients, type SearchResult } from "@/lib/patients/search";
import { RateLimitedError } from "@/lib/rate-limit";

export type SearchField = "lastName" | "firstName" | "dateOfBirth" | "mrn";

export interface SearchState extends FormState<SearchField> {
  results?: SearchResult[];
}

export const searchAction = formAction({
  caller: "member",
  fields: ["lastName", "firstName", "dateOfBirth", "mrn"],
  schema: searchInput,
  async run(criteria, { caller, request }): Promise<SearchState> {
    let results: SearchResult[];
    try {
      results = await searchPatients(criteria, { providerId: caller.providerId, request });
    } catch (error) {
      if (error instanceof RateLimitedError) return { ok: false, message: error.message };
      throw error;
    }
    return { ok: true, results, message: results.length === 0 ? "No matching patient found" : undefined };
  },
});

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
    if (outcome.ok) return { ok: true, pending: true, message: "Request sent. The patient or guardian will be asked to approve it." };
    return { ok: false, pending: outcome.code === "PENDING", message: outcome.message };
  },
});
