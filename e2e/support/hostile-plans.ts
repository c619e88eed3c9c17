// What each server action is attacked with: its form's fields (hostile values mixed with what
// the field normally holds), who calls it, and which rows a refused call may still add (the
// audit trail and the failed attempts behind the lockouts). The values are chosen so that no
// combination is a valid request that would legitimately change data: the MRNs are ones the
// caller may already open or that have no approver, the ids and emails belong to nothing.
import fc from "fast-check";
import type { AllowedChanges, Row } from "./hostile-db";
import type { ServerAction } from "./hostile-http";
import { hostileCookieValue, hostileText, ID_LIKE, INVALID_EMAILS, TOKEN_LIKE, wellFormedToken } from "./hostile-inputs";
import { PASSWORD, type World } from "./hostile-world";

/** Who calls: the world's provider (a site administrator), a provider of another practice (a plain member), its family, or nobody. */
export type Caller = "provider" | "member" | "family" | "public" | "staff";

export interface ActionPlan {
  fields: Record<string, fc.Arbitrary<string>>;
  /** Whom the action serves: its callers are they (mostly), nobody, or someone with a forged cookie. */
  caller: Caller;
  allowed: AllowedChanges;
  /** The action sends people to the staff console's identity provider (off-site, on purpose). */
  toIdentityProvider?: boolean;
}

/**
 * The address every request of the property runs comes from (the first X-Forwarded-For entry,
 * which the activation-code lockout is keyed on), so their failures never lock anyone else out.
 */
export const FUZZ_ADDRESS = `203.0.113.${1 + Math.floor(Math.random() * 254)}`;

const refused = (row: Row) => row.outcome !== "SUCCESS";

const anyUuid = fc.uuid().map((uuid) => uuid.toString());

function oneOf(...arbitraries: fc.Arbitrary<string>[]): fc.Arbitrary<string> {
  return fc.oneof(...arbitraries);
}

const base64url = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), minLength: 43, maxLength: 43 });

/** A staff console page's view of the world's staff member: audited, whatever was sent. */
function staffViews(world: World): AllowedChanges {
  return { AuditEvent: (row) => row.action === "staff.view" && row.actorId === world.staff.email };
}

export function planFor(action: ServerAction, world: World): ActionPlan {
  const { patient, provider, otherPatient, unlinkedPatient } = world;
  const mrns = [patient.mrn, " " + patient.mrn, patient.mrn + "\n", unlinkedPatient.mrn];
  switch (`${action.filename}#${action.exportedName}`) {
    case "app/mypatients/patient-actions.ts#searchAction":
      return {
        caller: "provider",
        fields: {
          mrn: hostileText(mrns),
          lastName: hostileText([patient.lastName, otherPatient.lastName, `${otherPatient.lastName.toUpperCase()} `, unlinkedPatient.lastName]),
          firstName: hostileText([patient.firstName, otherPatient.firstName, ""]),
          // Boundary dates beside real ones: year 0, year 1, leap days that are and are not.
          dateOfBirth: hostileText([patient.dateOfBirth, otherPatient.dateOfBirth, "", "0000-01-01", "0001-01-01", "2000-02-29", "1900-02-29"]),
          // Without JavaScript a result's "Request Non-PCP access" posts here (intent requestAccess);
          // as for requestAccessAction below, no MRN here can create a request.
          intent: hostileText(["search", "requestAccess", ""]),
          reason: hostileText(["Second opinion on a murmur", ""]),
        },
        // Every search counts toward the provider's rate limit (SPEC §7); past it, the refusal is audited.
        allowed: {
          AuditEvent: (row) => (row.action === "patient.search" || (row.action === "rate_limit.refuse" && refused(row))) && row.actorId === provider.id,
          RateLimitWindow: (row) => row.kind === "SEARCH" && row.subject === provider.id,
        },
      };
    case "app/mypatients/patient-actions.ts#requestAccessAction":
      // The provider is the patient's PCP ("already authorized") and the unlinked patient has no
      // approver: no MRN here can create a request.
      // Each refusal is audited (SPEC §7).
      return {
        caller: "provider",
        fields: { mrn: hostileText(mrns), reason: hostileText(["Second opinion on a murmur", ""]) },
        allowed: { AuditEvent: (row) => row.action === "request.create" && refused(row) && row.actorId === provider.id },
      };
    case "app/mypatients/validate-token/actions.ts#validateTokenAction":
      return {
        caller: "provider",
        fields: { token: oneOf(hostileText(TOKEN_LIKE), wellFormedToken), mrn: hostileText([patient.mrn, otherPatient.mrn]) },
        allowed: {
          AuditEvent: (row) => row.action === "token.validate" && refused(row) && row.actorId === provider.id,
          FailedAttempt: (row) => row.kind === "TOKEN_VALIDATION" && row.subject === provider.id,
        },
      };
    case "app/mypatients/login/actions.ts#signIn":
    case "app/mychildren/login/actions.ts#signIn":
      return {
        caller: "public",
        fields: {
          email: hostileText([`nobody-${world.tag}@hostile.example`, ...INVALID_EMAILS]),
          password: hostileText(["not the password at all", PASSWORD]),
          next: hostileText(["/mypatients", "/mychildren", "//evil.example"]),
        },
        allowed: {
          AuditEvent: (row) => (row.action === "auth.sign_in" || row.action === "auth.lockout") && refused(row),
          FailedAttempt: (row) => row.kind === "SIGN_IN",
        },
      };
    case "app/mypatients/register/actions.ts#register":
      // Every NPI here is taken (the world's provider's) or invalid: nothing can be registered,
      // with a practice from the list or one named as not listed. "Search" (findPractice) reads only.
      return {
        caller: "public",
        fields: {
          intent: hostileText(["register", "findPractice", ""]),
          fullName: hostileText(["Dr. Hostile Input"]),
          email: hostileText([`new-${world.tag}@hostile.example`, ...INVALID_EMAILS]),
          npi: hostileText([world.provider.npi, "1234567890"]),
          practiceQuery: hostileText(["Hostile", "Input Pediatrics", ""]),
          practiceId: oneOf(hostileText(ID_LIKE), anyUuid, fc.constant(world.primaryCarePracticeId)),
          notListed: hostileText(["", "on"]),
          practiceName: hostileText([`Hostile Input New Practice ${world.tag}`, ""]),
          practiceCity: hostileText(["Boston", ""]),
          practicePhone: hostileText(["617-555-0100", "12"]),
          password: hostileText([PASSWORD, "short"]),
          // Where to go after verifying and signing in: only a MyPatients path is ever kept.
          next: hostileText([`/mypatients/validate-token?mrn=${patient.mrn}`, "https://evil.example/mypatients", "//evil.example", "/mychildren", ""]),
        },
        allowed: {},
      };
    case "app/mypatients/register/actions.ts#findPracticesAction":
      return { caller: "public", fields: { query: hostileText(["Hostile", "Input", "", "%", "_"]) }, allowed: {} };
    case "app/mypatients/practice/actions.ts#membershipAction":
      // The site administrator is the practice's only member: whomever the form names, every
      // change is refused (not of the practice, their own membership, or its last site administrator).
      return {
        caller: "provider",
        fields: {
          providerId: oneOf(hostileText(ID_LIKE), anyUuid, fc.constant(world.provider.id), fc.constant(world.requester.id)),
          change: hostileText(["approve", "decline", "remove", "makeSiteAdmin", "removeSiteAdmin"]),
        },
        allowed: {},
      };
    case "app/mypatients/practice/actions.ts#confirmMembersAction":
      // Called by a member who is not a site administrator: refused, whatever it is sent.
      return { caller: "member", fields: Object.fromEntries(["practiceId", "id"].map((name) => [name, hostileText()])), allowed: {} };
    case "app/mypatients/verify-email/actions.ts#verifyEmail":
      return { caller: "public", fields: { token: oneOf(hostileText(), base64url) }, allowed: {} };
    case "app/mychildren/register/actions.ts#registerFamilyAction":
      // No code here was issued: every valid-looking attempt is a failed one, counted for FUZZ_ADDRESS.
      return {
        caller: "public",
        fields: {
          code: oneOf(hostileText(TOKEN_LIKE), wellFormedToken),
          fullName: hostileText(["Hostile Parent"]),
          email: hostileText([`parent-${world.tag}@hostile.example`, world.family.email, ...INVALID_EMAILS]),
          password: hostileText([PASSWORD, "short"]),
        },
        allowed: { FailedAttempt: (row) => row.kind === "ACTIVATION_CODE" && row.subject === `ip:${FUZZ_ADDRESS}` },
      };
    case "app/mychildren/family-actions.ts#decideAction":
      return {
        caller: "family",
        fields: {
          decision: hostileText(["approve", "deny"]),
          requestId: oneOf(hostileText(ID_LIKE), anyUuid),
          accessEnds: hostileText(["none", "3m", "6m", "1y"]),
          reason: hostileText(["Not now", ""]),
        },
        // No request here can be decided; each refused decision is audited (SPEC §7).
        allowed: { AuditEvent: (row) => (row.action === "request.approve" || row.action === "request.deny") && refused(row) && row.actorId === world.family.id },
      };
    case "app/mychildren/family-actions.ts#revokeAction":
    case "app/mychildren/family-actions.ts#withdrawAction":
      return { caller: "family", fields: { id: oneOf(hostileText(ID_LIKE), anyUuid), mrn: hostileText([patient.mrn]) }, allowed: {} };
    case "app/mychildren/family-actions.ts#inviteAction":
      // Only addresses that are not valid: no invitation can be issued.
      return { caller: "family", fields: { mrn: hostileText([patient.mrn, otherPatient.mrn]), providerEmail: hostileText(INVALID_EMAILS) }, allowed: {} };
    case "app/mychildren/language-actions.ts#switchLanguage":
      // The language is hostile input too: only values that are no language ("xx", "../", a case or
      // region that is not ours, huge ones), so the family's account never changes; where to return
      // to is hostile (other sites, the other portal, traversal), and is followed only within MyChildren's.
      return {
        caller: "family",
        fields: {
          language: hostileText(["xx", "../", "EN", "ES", "Español", "es-MX", "en-US", "x".repeat(10_000)]),
          returnTo: hostileText(["/mychildren/account", "//evil.example", "https://evil.example/mychildren", "/mypatients", "/mychildren/../mypatients", ""]),
        },
        allowed: {},
      };
    case "app/mypatients/actions.ts#signOut":
    case "app/mychildren/actions.ts#signOut":
    case "app/staff/actions.ts#signOut":
      return { caller: "public", fields: {}, allowed: {} };
    case "app/mypatients/requests/request-actions.ts#cancelRequestAction":
      // The provider has no request of their own: every id names nothing they may cancel.
      return { caller: "provider", fields: { requestId: oneOf(hostileText(ID_LIKE), anyUuid) }, allowed: {} };
    // The staff console: ids that belong to nothing (or to what cannot change: an enrolled practice).
    // A body that names no action renders the page, whose view is audited (staffViews).
    case "app/staff/login/actions.ts#signIn":
      return { caller: "public", fields: Object.fromEntries(["id", "email", "next"].map((name) => [name, hostileText()])), allowed: {}, toIdentityProvider: true };
    case "app/staff/staff-actions.ts#providerAction":
      return {
        caller: "staff",
        fields: { providerId: oneOf(hostileText(ID_LIKE), anyUuid), change: hostileText(["approve", "decline", "makeSiteAdmin", "disable", "enable"]) },
        allowed: staffViews(world),
      };
    case "app/staff/staff-actions.ts#enrollAction":
      return { caller: "staff", fields: { practiceId: oneOf(hostileText(ID_LIKE), anyUuid, fc.constant(world.primaryCarePracticeId)) }, allowed: staffViews(world) };
    case "app/staff/staff-actions.ts#disableFamilyAction":
      return { caller: "staff", fields: { accountId: oneOf(hostileText(ID_LIKE), anyUuid) }, allowed: staffViews(world) };
    case "app/staff/staff-actions.ts#endLinkAction":
      return { caller: "staff", fields: { linkId: oneOf(hostileText(ID_LIKE), anyUuid), reason: hostileText(["Custody change", ""]) }, allowed: staffViews(world) };
    case "app/staff/staff-actions.ts#activationCodeAction":
      // A real MRN may get a code (that is the action's purpose): such a code and its audit event are allowed.
      return {
        caller: "staff",
        fields: { mrn: hostileText([patient.mrn, "0000000", ""]), relationship: hostileText(["GUARDIAN", "SELF", ""]) },
        allowed: {
          ActivationCode: (row) => row.patientId === patient.id,
          AuditEvent: (row) => (row.action === "activation.issue" && row.patientId === patient.id && row.actorId === world.staff.email) || staffViews(world).AuditEvent!(row),
        },
      };
    case "app/mypatients/forgot-password/actions.ts#sendResetLink":
    case "app/mychildren/forgot-password/actions.ts#sendResetLink":
      // Emails of no account, or not emails: the same answer, and nothing but the audit event.
      return {
        caller: "public",
        fields: { email: hostileText([`nobody-${world.tag}@hostile.example`, ...INVALID_EMAILS]) },
        allowed: { AuditEvent: (row) => row.action === "auth.password_reset_request" && refused(row) },
      };
    case "app/mypatients/reset-password/actions.ts#setNewPassword":
    case "app/mychildren/reset-password/actions.ts#setNewPassword":
      // No link here was ever sent: every attempt is refused, and audited.
      return {
        caller: "public",
        fields: { token: oneOf(hostileText(), base64url), password: hostileText([PASSWORD, "short"]) },
        allowed: { AuditEvent: (row) => row.action === "auth.password_reset" && refused(row) },
      };
    case "app/mypatients/account/actions.ts#changeMyPassword":
    case "app/mychildren/account/actions.ts#changeMyPassword": {
      // Never the right current password: every change is refused; a wrong one counts toward the
      // caller's sign-in lockout, and is audited.
      const caller = action.filename.startsWith("app/mypatients") ? "provider" : "family";
      const ownerId = caller === "provider" ? provider.id : world.family.id;
      return {
        caller,
        fields: { currentPassword: hostileText(["not the password at all", ""]), newPassword: hostileText([PASSWORD, "short"]) },
        allowed: {
          AuditEvent: (row) => row.action === "auth.password_change" && refused(row) && row.actorId === ownerId,
          FailedAttempt: (row) => row.kind === "SIGN_IN",
        },
      };
    }
    case "app/mypatients/account/actions.ts#startTwoStep":
      // It reads no field, and for a provider it changes their own row (a new secret, not in force:
      // the access matrix and e2e/account-security.spec.ts prove that), which a snapshot cannot
      // tell from tampering. Here: signed out, with hostile extra fields, it is sent to sign in
      // and changes nothing.
      return { caller: "public", fields: { code: hostileText(["123456"]), currentPassword: hostileText([""]) }, allowed: {} };
    case "app/mypatients/account/actions.ts#confirmTwoStep":
      // Never the app's code: refused, audited, and counted toward the second step's lock.
      return {
        caller: "provider",
        fields: { code: hostileText(["000000", "12345", "1234567", " 12 34 56 ", "abcdef"]) },
        allowed: {
          AuditEvent: (row) => row.action === "auth.two_step_enable" && refused(row) && row.actorId === provider.id,
          FailedAttempt: (row) => row.kind === "TWO_STEP" && row.subject === provider.id,
        },
      };
    case "app/mypatients/account/actions.ts#disableTwoStep":
      // Never the right current password: refused, audited, counted toward the sign-in lockout.
      return {
        caller: "provider",
        fields: { currentPassword: hostileText(["not the password at all", ""]) },
        allowed: {
          AuditEvent: (row) => row.action === "auth.two_step_disable" && refused(row) && row.actorId === provider.id,
          FailedAttempt: (row) => row.kind === "SIGN_IN",
        },
      };
    case "app/mypatients/two-step/actions.ts#submitSecondStep":
    case "app/mypatients/two-step/actions.ts#enrolAtSignIn":
      // No pending sign-in (no password step was passed): sent to sign in, nothing read or changed.
      return {
        caller: "public",
        fields: { code: hostileText(["123456", "abcde-fghij", "", "1234567"]), next: hostileText(["/mypatients", "https://evil.example/", "//evil.example"]) },
        allowed: {},
      };
    case "app/mychildren/account/actions.ts#addChildAction":
      // No code here was issued: every attempt is refused, audited, and counted toward the account's lock.
      return {
        caller: "family",
        fields: { code: oneOf(hostileText(TOKEN_LIKE), wellFormedToken) },
        allowed: {
          AuditEvent: (row) => row.action === "account.add_child" && refused(row) && row.actorId === world.family.id,
          FailedAttempt: (row) => row.kind === "ACTIVATION_CODE" && row.subject === `account:${world.family.id}`,
        },
      };
    case "app/mypatients/verify-email/actions.ts#cancelRegistrationAction":
      // No link here was sent: nothing can be cancelled.
      return { caller: "public", fields: { token: oneOf(hostileText(), base64url) }, allowed: {} };
    default:
      // An action this plan does not know yet still gets every common field name, called by nobody.
      return {
        caller: "public",
        fields: Object.fromEntries(["id", "mrn", "email", "password", "token", "code", "reason", "next"].map((name) => [name, hostileText()])),
        allowed: {},
      };
  }
}

/** Request headers of the action's callers: signed in (mostly), signed out, or with a forged cookie. */
export function callerHeaders(caller: Caller, world: World): fc.Arbitrary<Record<string, string>> {
  const base = { "x-forwarded-for": FUZZ_ADDRESS, "user-agent": "hostile-input spec" };
  const forged = fc
    .tuple(fc.constantFrom("mypatients.session", "mychildren.session", "staff.session"), hostileCookieValue)
    .map(([name, value]) => ({ ...base, cookie: `${name}=${value}` }));
  // Sign-in and sign-out end the session they are sent with: public actions never get a real one.
  if (caller === "public") return fc.oneof({ arbitrary: fc.constant(base), weight: 3 }, { arbitrary: forged, weight: 1 });
  const cookie = cookieOf(caller, world);
  return fc.oneof({ arbitrary: fc.constant({ ...base, cookie }), weight: 5 }, { arbitrary: fc.constant(base), weight: 1 }, { arbitrary: forged, weight: 1 });
}

/** Request headers of the action's own callers, signed in (none for public actions). */
export function signedInHeaders(caller: Caller, world: World): Record<string, string> {
  const base = { "x-forwarded-for": FUZZ_ADDRESS, "user-agent": "hostile-input spec" };
  if (caller === "public") return base;
  return { ...base, cookie: cookieOf(caller, world) };
}

function cookieOf(caller: Exclude<Caller, "public">, world: World): string {
  return { provider: world.cookies.provider, member: world.cookies.otherProvider, family: world.cookies.family, staff: world.cookies.staff }[caller];
}

/** Hostile strings that are safe in a URL once percent-encoded byte by byte. */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

/** Path segments and query values as a hostile client writes them: encoded, or deliberately malformed. */
export const MALFORMED_URL_PARTS: readonly string[] = ["%ZZ", "%E0%A4%A", "%", "%00", "%C0%AE%C0%AE", "%252e%252e", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", ";x=1", "%23frag", "%3Cscript%3E"];

export function urlPart(plausible: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: hostileText(plausible).map(percentEncode), weight: 4 },
    { arbitrary: fc.constantFrom(...MALFORMED_URL_PARTS), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom(...plausible, "x"), fc.constantFrom(...MALFORMED_URL_PARTS)).map(([value, malformed]) => percentEncode(value) + malformed), weight: 1 },
  );
}

