// The one way to write a server action behind a form. Server actions are public endpoints, so
// every one is built here, and each does, in this order:
//   1. the caller check for its kind of caller (a signed-in provider, an approved member of a
//      practice, a site administrator, a signed-in MyChildren's account, a member of staff, or
//      anyone, for sign-in and registration): a caller of the wrong kind never gets past it, and nothing they sent is
//      read (tests/conventions/server-actions.test.ts keeps every action on this builder);
//   2. the form's fields read as strings and parsed with the action's zod schema;
//   3. a refused parse mapped to the one result shape (lib/form-state.ts), keeping what was typed
//      but never a password or a token;
//   4. the action itself, given the caller and the request's metadata for its audit events;
//   5. for a MyChildren's form, its result in the family's language (lib/i18n/form-messages.ts).
import "server-only";
import type { z } from "zod";
import { flattenError } from "zod";
import type { RequestMetadata } from "@/lib/audit/record";
import { requireFamilyAccount, requireProvider, requireStaff } from "@/lib/auth/current-user";
import { requirePendingSignIn } from "@/lib/auth/pending-sign-in";
import { CHECK_FIELDS, type FormState } from "@/lib/form-state";
import { inRequestLanguage } from "@/lib/i18n/family-language";
import { requestMetadata } from "@/lib/http/request-metadata";
import { MEMBERSHIP_REQUIRED, SITE_ADMIN_REQUIRED } from "@/lib/practices/memberships";

interface CallerCheck<Caller> {
  /** The signed-in caller; one who is not signed in is sent to sign in. */
  find(): Promise<Caller>;
  /** Why this caller may not use the action, or null when they may. */
  refuse?(caller: Caller): string | null;
}

const check = <Caller>(definition: CallerCheck<Caller>) => definition;


/** Each kind of caller, how one is found, and who of them is refused. */
const CALLERS = {
  /** Any signed-in provider, whatever their membership (Validate a Token, account settings). */
  provider: check({ find: requireProvider }),
  /** A provider whose membership of their practice is approved and in force (search, requests). */
  member: check({ find: requireProvider, refuse: (provider) => (provider.membership === "APPROVED" ? null : MEMBERSHIP_REQUIRED) }),
  /** A site administrator of their practice (SPEC §4, "Manage [practice name]"). */
  siteAdmin: check({ find: requireProvider, refuse: (provider) => (provider.siteAdmin ? null : SITE_ADMIN_REQUIRED) }),
  family: check({ find: requireFamilyAccount }),
  /** A browser between the password and the second step of MyPatients' sign-in (5 minutes). */
  pendingSignIn: check({ find: requirePendingSignIn }),
  /** Anyone: sign-in, registration and email verification, which need no session. */
  public: check({ find: async (): Promise<null> => null }),
  /** A member of the hospital's staff, signed in to the staff console (SPEC §5b). */
  staff: check({ find: requireStaff }),
};

export type CallerKind = keyof typeof CALLERS;
export type CallerOf<Kind extends CallerKind> = Awaited<ReturnType<(typeof CALLERS)[Kind]["find"]>>;

export interface ActionContext<Kind extends CallerKind> {
  caller: CallerOf<Kind>;
  /** Where the request came from, for the action's audit events. */
  request: RequestMetadata;
}

export interface FormActionConfig<Kind extends CallerKind, Field extends string, Input, State extends FormState<Field>> {
  caller: Kind;
  /** The form's fields, read as strings (a missing one reads as ""). */
  fields: readonly Field[];
  schema: z.ZodType<Input>;
  /** Fields the person does not type (ids, the MRN of a result): a problem there is the form's message. */
  hidden?: readonly Field[];
  /** Fields never sent back to the page (passwords, tokens). */
  secret?: readonly Field[];
  /**
   * A form of MyChildren's: lib/'s English messages in its result are shown in the request's
   * language (SPEC §9). On by default for family callers; MyPatients and staff forms stay English.
   */
  familyLanguage?: boolean;
  run(input: Input, context: ActionContext<Kind>): Promise<State>;
}

export type FormAction<State> = (previous: State, formData: FormData) => Promise<State>;

/** The text fields of a submitted form; a request that is not a form submission reads as an empty form. */
function formStrings<Field extends string>(formData: unknown, fields: readonly Field[]): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of fields) {
    const value = formData instanceof FormData ? formData.get(field) : null;
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

/** A refused parse as the one result shape: the first problem of each field, and one message. */
function refusal<Field extends string>(error: z.ZodError, hidden: readonly Field[], values: Partial<Record<Field, string>>): FormState<Field> {
  const flat = flattenError(error);
  const fieldErrors: Partial<Record<Field, string>> = {};
  let hiddenProblem: string | undefined;
  for (const [field, messages] of Object.entries(flat.fieldErrors) as [Field, string[] | undefined][]) {
    const first = messages?.[0];
    if (!first) continue;
    if (hidden.includes(field)) hiddenProblem ??= first;
    else fieldErrors[field] = first;
  }
  const visible = Object.keys(fieldErrors).length > 0;
  return {
    ok: false,
    message: flat.formErrors[0] ?? hiddenProblem ?? CHECK_FIELDS,
    ...(visible ? { fieldErrors } : {}),
    values,
  };
}

/** A server action for a form read with useActionState; see the top of this file. */
export function formAction<Kind extends CallerKind, Field extends string, Input, State extends FormState<Field>>(
  config: FormActionConfig<Kind, Field, Input, State>,
): FormAction<State> {
  const { hidden = [], secret = [], familyLanguage = config.caller === "family" } = config;
  const answer = familyLanguage ? inRequestLanguage : async (state: State) => state;
  return async (_previous: State, formData: FormData): Promise<State> => answer(await checkedRun(config, hidden, secret, formData));
}

async function checkedRun<Kind extends CallerKind, Field extends string, Input, State extends FormState<Field>>(
  config: FormActionConfig<Kind, Field, Input, State>,
  hidden: readonly Field[],
  secret: readonly Field[],
  formData: FormData,
): Promise<State> {
  const callers: CallerCheck<CallerOf<Kind>> = CALLERS[config.caller] as CallerCheck<CallerOf<Kind>>;
  const caller = await callers.find();
  const refused = callers.refuse?.(caller);
  if (refused) return { ok: false, message: refused } as State;
  const input = formStrings(formData, config.fields);
  const values: Partial<Record<Field, string>> = {};
  for (const field of config.fields) if (!secret.includes(field)) values[field] = input[field];
  const parsed = config.schema.safeParse(input);
  // A refusal carries only the fields of FormState, which every State extends with optional ones.
  if (!parsed.success) return refusal(parsed.error, hidden, values) as State;
  const result = await config.run(parsed.data, { caller, request: await requestMetadata() });
  return { values, ...result };
}
