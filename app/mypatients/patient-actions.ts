"use server";
// Server actions of Patient Selection: search, and Request Non-PCP access. Each authenticates
// first, validates with zod, and goes through the data layer (which applies the access rule).
import { requireProvider } from "@/lib/auth/current-user";
import { CHECK_FIELDS, formStrings, type FormState } from "@/lib/forms";
import { requestMetadata } from "@/lib/http/request-metadata";
import { requestAccess, requestInput } from "@/lib/requests/create";
import { searchInput, searchPatients, type SearchResult } from "@/lib/patients/search";

const SEARCH_FIELDS = ["lastName", "firstName", "dateOfBirth", "mrn"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface SearchState extends FormState<SearchField> {
  results?: SearchResult[];
}

export async function searchAction(_previous: SearchState, formData: FormData): Promise<SearchState> {
  const provider = await requireProvider();
  const values = formStrings(formData, SEARCH_FIELDS);
  const parsed = searchInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<SearchField, string>> = {};
    let message: string = CHECK_FIELDS;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SearchField | undefined;
      if (field) fieldErrors[field] ??= issue.message;
      else message = issue.message;
    }
    return { ok: false, message, fieldErrors, values };
  }
  const results = await searchPatients(parsed.data, { providerId: provider.providerId, request: await requestMetadata() });
  return { ok: true, values, results, message: results.length === 0 ? "No matching patient found" : undefined };
}

export interface RequestState extends FormState<"reason"> {
  /** The request now pending for this patient (sent now, or already before). */
  pending?: boolean;
}

export async function requestAccessAction(_previous: RequestState, formData: FormData): Promise<RequestState> {
  const provider = await requireProvider();
  const values = formStrings(formData, ["mrn", "reason"] as const);
  const parsed = requestInput.safeParse(values);
  if (!parsed.success) {
    const reasonError = parsed.error.issues.find((issue) => issue.path[0] === "reason")?.message;
    return { ok: false, message: reasonError ?? parsed.error.issues[0]?.message, fieldErrors: reasonError ? { reason: reasonError } : undefined, values: { reason: values.reason } };
  }
  const outcome = await requestAccess(parsed.data, { providerId: provider.providerId, request: await requestMetadata() });
  if (outcome.ok) return { ok: true, pending: true, message: "Request sent. The patient or guardian will be asked to approve it." };
  return { ok: false, pending: outcome.code === "PENDING", message: outcome.message, values: { reason: values.reason } };
}
