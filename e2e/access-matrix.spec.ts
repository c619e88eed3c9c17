import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MEMBERSHIP_REQUIRED, MESSAGES as MEMBERSHIP_MESSAGES, SITE_ADMIN_REQUIRED } from "@/lib/practices/memberships";
import { allServerActions, serverActionRequest } from "../scripts/lib/server-actions.ts";
import {
  actionAnswer,
  EMPTY,
  firstDifference,
  normalizedBody,
  pageAnswer,
  redirectOf,
  send,
  unsafeReturnPath,
  VARIANTS,
  type FormStateLike,
  type Variant,
  type Markers,
  type MatrixRequest,
  type MatrixResponse,
} from "./support/matrix-http";
import { changedTables, DatabaseSnapshots } from "./support/matrix-snapshot";
import { discoverPages, discoverRouteHandlers, discoverServerActions } from "./support/matrix-surface";
import { CALLER_DESCRIPTIONS, CALLERS, HEADER_PROBE_CALLERS, MatrixWorld, SUBJECT_OF, type Caller, type CallerId, type Subject, type World } from "./support/matrix-world";
import { expect, test, type OwnApp } from "./support/own-app";

// The access-control matrix (SPEC §2, §3, §5, §7): every page, route handler and server action of
// the app, found on the file system and in the build, called by every kind of caller, each cell's
// answer written down below. A page for a record the caller may not see must answer exactly as
// one that does not exist; a server action a caller may not use must change nothing. Every cell
// is sent again with a prefetch header (which must not get past the proxy), and the cells of the callers refused
// somewhere also with the headers that have been used to get past Next.js middleware (VARIANTS,
// HEADER_PROBE_CALLERS): the answers may not change (but for
// Next.js answering x-middleware-prefetch with an empty body, without running anything: see
// Variant.mayAnswerEmpty in e2e/support/matrix-http.ts).
//
// The patient each cell asks about: a child (8) for the providers and both guardians; for each
// SELF account and for the adult's guardian, the patient they are linked to (15, 10 and 19).
//
// The matrix runs on an app and a database of its own (e2e/support/own-app.ts): its server
// action cells compare the whole database before and after, which the other specs, running beside
// it, would otherwise change. Its tests share one world and run in order, in one worker.

test.describe.configure({ mode: "default" });

// ---------------------------------------------------------------- answers

// Pages
/** The page, with nothing of the patient on it. */
const OK = "200";
/** The page, showing who the patient is. */
const DATA = "200:data";
/** The patient's record: who they are and their clinical entries. */
const RECORD = "200:record";
/** "Not found", exactly as for an MRN or request id that does not exist. */
const NF = "404";
const P_LOGIN = "redirect:/mypatients/login";
const C_LOGIN = "redirect:/mychildren/login";
const P_HOME = "redirect:/mypatients";
const C_HOME = "redirect:/mychildren";
const S_LOGIN = "redirect:/staff/login";
const S_HOME = "redirect:/staff";

// Server actions ("redirect:…" as for pages: the action answered with a redirect to sign in)
/** Done: the action made its change (checked in the database). */
const DONE = "ok";
/** The search found the patient, with "Open record". */
const AUTHORIZED = "ok:AUTHORIZED";
/** The search found the patient, with "Request Non-PCP access". */
const NOT_AUTHZ = "ok:NOT_AUTHORIZED";
/** The search found the patient, with when the caller's own access ended and "Request Non-PCP access". */
const ENDED = "ok:ACCESS_ENDED";
const HAS_ACCESS = "refused:You can already open this patient's record.";
const NO_REQUEST = "refused:This request was not found.";
const NO_PATIENT = "refused:Patient not found";
const NO_GRANT = "refused:This access was not found.";
const NO_INVITE = "refused:This invitation was not found.";
const BAD_LOGIN = "refused:That email and password did not work. After 10 unsuccessful tries, sign-in is paused for 15 minutes.";
const BAD_CODE = "refused:This activation code is not valid. Check it, or ask the hospital for a new one.";
const BAD_LINK = "refused:This verification link is not valid. Open the whole link from the email, or register again.";
const BAD_FORM = "refused:Check the highlighted fields.";
const BAD_RESET = "refused:This reset link is not valid. Open the whole link from the email, or ask for a new one.";
/** Search and requests need an approved membership of a practice (SPEC §3). */
const MEMBERS = `refused:${MEMBERSHIP_REQUIRED}`;
/** A practice's management is for its site administrators: to anyone else it does not exist. */
const NOT_ADMIN = `refused:${SITE_ADMIN_REQUIRED}`;
/** A site administrator acting on a provider of another practice. */
const NO_MEMBER = `refused:${MEMBERSHIP_MESSAGES.NOT_FOUND}`;
/** The language switcher: back to the MyChildren's page it was on (a signed-in family's own account changed, checked in the scenario). */
const SWITCHED = "redirect:/mychildren/account";
/** Off to the hospital's identity provider's authorization endpoint (its origin is checked in the scenario). */
const IDP_AUTH = "redirect:/auth";

/** One answer per caller, in the order of CALLERS. */
type AnswersOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: string };
type Row = AnswersOf<typeof CALLERS>;
function row(...answers: Row): Record<CallerId, string> {
  return Object.fromEntries(CALLERS.map((caller, i) => [caller, answers[i]!])) as Record<CallerId, string>;
}

/**
 * A staff console entry (SPEC §5b): signed-in staff get `staffAnswer`; everyone else, `others`
 * (the console's sign-in page). notStaff, whose console session belongs to someone taken off the
 * staff list, is "everyone else".
 */
function staffRow(staffAnswer: string, others: string = S_LOGIN): Record<CallerId, string> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, caller === "staff" ? staffAnswer : others])) as Record<CallerId, string>;
}

/** The same answer for every caller. */
function everyone(answer: string): Record<CallerId, string> {
  return Object.fromEntries(CALLERS.map((caller) => [caller, answer])) as Record<CallerId, string>;
}

// ---------------------------------------------------------------- the matrix

// Every page (each app/…/page.tsx), by route.
const PAGES: Record<string, Record<CallerId, string>> = {
  //                                         anonymous  unverified  disabled  noRelation  pcpPractice  siteAdmin  otherSiteAdmin  pending  declined  removed  activeGrant  expiredGrant  futureGrant  revokedGrant  guardian  otherGuardian  selfTeen  selfChild  guardianOfAdult  staff  notStaff
  "/":                                   row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/dev/mailbox":                        row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mychildren":                         row(C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, DATA,    OK,      DATA,    OK,      OK,      C_LOGIN, C_LOGIN),
  "/mychildren/login":                   row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      C_HOME,  C_HOME,  C_HOME,  C_HOME,  C_HOME,  OK,      OK),
  "/mychildren/patients/[mrn]/activity": row(C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, DATA,    NF,      DATA,    NF,      NF,      C_LOGIN, C_LOGIN),
  "/mychildren/patients/[mrn]/sharing":  row(C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, DATA,    NF,      DATA,    NF,      NF,      C_LOGIN, C_LOGIN),
  "/mychildren/register":                row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mychildren/requests/[id]":           row(C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, DATA,    NF,      DATA,    NF,      NF,      C_LOGIN, C_LOGIN),
  "/mypatients":                         row(P_LOGIN, P_LOGIN, P_LOGIN, OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/login":                   row(OK,      OK,      OK,      P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  P_HOME,  OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mypatients/patients/[mrn]":          row(P_LOGIN, P_LOGIN, P_LOGIN, NF,      RECORD,  RECORD,  NF,      NF,      NF,      NF,      RECORD,  DATA,    NF,      DATA,    P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/practice":                row(P_LOGIN, P_LOGIN, P_LOGIN, NF,      NF,      OK,      OK,      NF,      NF,      NF,      NF,      NF,      NF,      NF,      P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/record-unavailable":      row(P_LOGIN, P_LOGIN, P_LOGIN, NF,      NF,      NF,      NF,      NF,      NF,      NF,      NF,      NF,      NF,      NF,      P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/register":                row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mypatients/requests":                row(P_LOGIN, P_LOGIN, P_LOGIN, OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/shared":                  row(P_LOGIN, P_LOGIN, P_LOGIN, OK,      OK,      OK,      OK,      OK,      OK,      OK,      DATA,    DATA,    OK,      DATA,    P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/validate-token":          row(P_LOGIN, P_LOGIN, P_LOGIN, OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/verify-email":            row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mypatients/two-step":                row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  // An address under MyChildren's that names no page: sign in first, like every page that is not public; then MyChildren's "not found".
  "/mychildren/[...missing]":            row(C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, NF,      NF,      NF,      NF,      NF,      C_LOGIN, C_LOGIN),
  "/mychildren/account":                 row(C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, C_LOGIN, OK,      OK,      OK,      OK,      OK,      C_LOGIN, C_LOGIN),
  "/mychildren/forgot-password":         row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mychildren/reset-password":          row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mypatients/account":                 row(P_LOGIN, P_LOGIN, P_LOGIN, OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN, P_LOGIN),
  "/mypatients/forgot-password":         row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  "/mypatients/reset-password":          row(OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK,      OK),
  // The staff console (SPEC §5b): staff only; a provider id that does not exist is "not found".
  "/staff":                              staffRow(OK),
  "/staff/audit":                        staffRow(OK),
  "/staff/families":                     staffRow(OK),
  "/staff/login":                        staffRow(S_HOME, OK),
  "/staff/practices":                    staffRow(OK),
  "/staff/providers":                    staffRow(OK),
  "/staff/providers/[id]":               staffRow(NF),
};

// Every route handler (each app/…/route.ts), by method and route.
const ROUTES: Record<string, Record<CallerId, string>> = {
  //                       anonymous  unverified  disabled  noRelation  pcpPractice  siteAdmin  otherSiteAdmin  pending  declined  removed  activeGrant  expiredGrant  futureGrant  revokedGrant  guardian  otherGuardian  selfTeen  selfChild  guardianOfAdult  staff  notStaff
  "GET /api/baseline": row(NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF),
  "GET /api/health":   row(OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK),
  // next-auth serves only the identity provider's callback; its other endpoints are not found.
  "GET /api/auth/staff/[...nextauth]":  everyone(NF),
  "POST /api/auth/staff/[...nextauth]": everyone(NF),
  "GET /staff/audit/export":            staffRow("200"),
};

// Every server action (the build's manifest and every "use server" module), by file#export.
const ACTIONS: Record<string, Record<CallerId, string>> = {
  //                                                                  anonymous  unverified  disabled   noRelation  pcpPractice  siteAdmin   otherSiteAdmin  pending    declined   removed    activeGrant  expiredGrant  futureGrant  revokedGrant  guardian   otherGuardian  selfTeen   selfChild   guardianOfAdult  staff  notStaff
  "app/mychildren/actions.ts#signOut":                               row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,   C_LOGIN,    C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,   C_LOGIN),
  "app/mychildren/language-actions.ts#switchLanguage":               everyone(SWITCHED),
  "app/mychildren/family-actions.ts#decideAction":                   row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    DONE,      NO_REQUEST, DONE,      NO_REQUEST, NO_REQUEST, C_LOGIN,   C_LOGIN),
  "app/mychildren/family-actions.ts#inviteAction":                   row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    DONE,      NO_PATIENT, DONE,      NO_PATIENT, NO_PATIENT, C_LOGIN,   C_LOGIN),
  "app/mychildren/family-actions.ts#revokeAction":                   row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    DONE,      NO_GRANT,   DONE,      NO_GRANT,   NO_GRANT,   C_LOGIN,   C_LOGIN),
  "app/mychildren/family-actions.ts#withdrawAction":                 row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    DONE,      NO_INVITE,  DONE,      NO_INVITE,  NO_INVITE,  C_LOGIN,   C_LOGIN),
  "app/mychildren/login/actions.ts#signIn":                          row(BAD_LOGIN, BAD_LOGIN, BAD_LOGIN, BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN, BAD_LOGIN,  BAD_LOGIN, BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN, BAD_LOGIN),
  "app/mychildren/register/actions.ts#registerFamilyAction":         row(BAD_CODE,  BAD_CODE,  BAD_CODE,  BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,   BAD_CODE,  BAD_CODE,   BAD_CODE,  BAD_CODE,   BAD_CODE,   BAD_CODE,  BAD_CODE),
  "app/mypatients/actions.ts#signOut":                               row(P_LOGIN,   P_LOGIN,   P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/login/actions.ts#signIn":                          row(BAD_LOGIN, BAD_LOGIN, BAD_LOGIN, BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN, BAD_LOGIN,  BAD_LOGIN, BAD_LOGIN,  BAD_LOGIN,  BAD_LOGIN, BAD_LOGIN),
  "app/mypatients/patient-actions.ts#requestAccessAction":           row(P_LOGIN,   P_LOGIN,   P_LOGIN,   DONE,       HAS_ACCESS, HAS_ACCESS, DONE,       MEMBERS,    MEMBERS,    MEMBERS,    HAS_ACCESS, DONE,       DONE,       DONE,       P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/patient-actions.ts#searchAction":                  row(P_LOGIN,   P_LOGIN,   P_LOGIN,   NOT_AUTHZ,  AUTHORIZED, AUTHORIZED, NOT_AUTHZ,  MEMBERS,    MEMBERS,    MEMBERS,    AUTHORIZED, ENDED,      NOT_AUTHZ,  ENDED,      P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/practice/actions.ts#confirmMembersAction":         row(P_LOGIN,   P_LOGIN,   P_LOGIN,   NOT_ADMIN,  NOT_ADMIN,  DONE,       DONE,       NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/practice/actions.ts#membershipAction":             row(P_LOGIN,   P_LOGIN,   P_LOGIN,   NOT_ADMIN,  NOT_ADMIN,  DONE,       NO_MEMBER,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  NOT_ADMIN,  P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/register/actions.ts#findPracticesAction":          row(DONE,      DONE,      DONE,      DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,      DONE,       DONE,      DONE,       DONE,       DONE,      DONE),
  "app/mypatients/register/actions.ts#register":                     row(BAD_FORM,  BAD_FORM,  BAD_FORM,  BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,  BAD_FORM,   BAD_FORM,  BAD_FORM,   BAD_FORM,   BAD_FORM,  BAD_FORM),
  "app/mypatients/validate-token/actions.ts#validateTokenAction":    row(P_LOGIN,   P_LOGIN,   P_LOGIN,   DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/verify-email/actions.ts#verifyEmail":              row(BAD_LINK,  BAD_LINK,  BAD_LINK,  BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,  BAD_LINK,   BAD_LINK,  BAD_LINK,   BAD_LINK,   BAD_LINK,  BAD_LINK),
  "app/mychildren/account/actions.ts#changeMyPassword":              row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    BAD_FORM,  BAD_FORM,   BAD_FORM,  BAD_FORM,   BAD_FORM,   C_LOGIN,   C_LOGIN),
  "app/mychildren/forgot-password/actions.ts#sendResetLink":         row(DONE,      DONE,      DONE,      DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,      DONE,       DONE,      DONE,       DONE,       DONE,      DONE),
  "app/mychildren/reset-password/actions.ts#setNewPassword":         row(BAD_RESET, BAD_RESET, BAD_RESET, BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET, BAD_RESET,  BAD_RESET, BAD_RESET,  BAD_RESET,  BAD_RESET, BAD_RESET),
  "app/mypatients/account/actions.ts#startTwoStep":                  row(P_LOGIN,   P_LOGIN,   P_LOGIN,   DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/account/actions.ts#confirmTwoStep":                row(P_LOGIN,   P_LOGIN,   P_LOGIN,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/account/actions.ts#disableTwoStep":                row(P_LOGIN,   P_LOGIN,   P_LOGIN,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/two-step/actions.ts#submitSecondStep":             row(P_LOGIN,   P_LOGIN,   P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/two-step/actions.ts#enrolAtSignIn":                row(P_LOGIN,   P_LOGIN,   P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/account/actions.ts#changeMyPassword":              row(P_LOGIN,   P_LOGIN,   P_LOGIN,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   BAD_FORM,   P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/mypatients/forgot-password/actions.ts#sendResetLink":         row(DONE,      DONE,      DONE,      DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,       DONE,      DONE,       DONE,      DONE,       DONE,       DONE,      DONE),
  "app/mypatients/reset-password/actions.ts#setNewPassword":         row(BAD_RESET, BAD_RESET, BAD_RESET, BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET,  BAD_RESET, BAD_RESET,  BAD_RESET, BAD_RESET,  BAD_RESET,  BAD_RESET, BAD_RESET),
  "app/mychildren/account/actions.ts#addChildAction":                row(C_LOGIN,   C_LOGIN,   C_LOGIN,   C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    C_LOGIN,    BAD_CODE,  BAD_CODE,   BAD_CODE,  BAD_CODE,   BAD_CODE,   C_LOGIN,   C_LOGIN),
  "app/mypatients/verify-email/actions.ts#cancelRegistrationAction": row(BAD_LINK,  BAD_LINK,  BAD_LINK,  BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,   BAD_LINK,  BAD_LINK,   BAD_LINK,  BAD_LINK,   BAD_LINK,   BAD_LINK,  BAD_LINK),
  "app/mypatients/requests/request-actions.ts#cancelRequestAction":  row(P_LOGIN,   P_LOGIN,   P_LOGIN,   NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, NO_REQUEST, P_LOGIN,   P_LOGIN,    P_LOGIN,   P_LOGIN,    P_LOGIN,    P_LOGIN,   P_LOGIN),
  "app/staff/actions.ts#signOut":                                 everyone(S_LOGIN),
  "app/staff/login/actions.ts#signIn":                            everyone(IDP_AUTH),
  "app/staff/staff-actions.ts#activationCodeAction":              staffRow(DONE),
  "app/staff/staff-actions.ts#disableFamilyAction":               staffRow(DONE),
  "app/staff/staff-actions.ts#endLinkAction":                     staffRow(DONE),
  "app/staff/staff-actions.ts#enrollAction":                      staffRow(DONE),
  "app/staff/staff-actions.ts#providerAction":                    staffRow(DONE),
};

// ---------------------------------------------------------------- how each server action is called

interface CellContext {
  matrix: MatrixWorld;
  world: World;
  caller: Caller;
  subject: Subject;
  /** The caller's session for this cell (null when anonymous). */
  sessionId: string | null;
}

interface PreparedCall {
  /** The page whose form posts the action. */
  path: string;
  fields: Record<string, string> | null;
  /** The arguments before the form data: useActionState's previous state, or none for a plain form action. */
  args?: unknown[];
  /** A row the call is about (an invitation), for the checks. */
  ref?: string;
}

interface ActionScenario {
  /** A new patient (with every relation) per cell: the action changes state when allowed. */
  fresh: boolean;
  /** The action sends the caller to the staff console's identity provider (off-site, on purpose). */
  toIdentityProvider?: boolean;
  prepare(context: CellContext): Promise<PreparedCall>;
  /** The detail of an "ok" answer ("ok:<detail>"). */
  detail?: (state: FormStateLike) => string;
  /** For an "ok" answer: the change it must have made (a problem, or null). Without it, "ok" changes nothing either. */
  effect?: (context: CellContext, call: PreparedCall) => Promise<string | null>;
  /** Checked after every cell, whatever the answer. */
  always?: (context: CellContext, answer: string) => Promise<string | null>;
  /** Whether a redirect answer made the action's change (checked by `effect`), for an action that redirects when done. */
  doneBy?: (context: CellContext, answer: string) => boolean;
}

const prisma = () => app.prisma;
const inviteeEmail = (world: World) => `matrix-invitee-${world.run}@clinic.example`;
const sharingPath = (subject: Subject) => `/mychildren/patients/${subject.mrn}/sharing`;

/** Signing out of `portal` ends the caller's session of that portal, and never one of the other. */
function signOutScenario(portal: "mypatients" | "mychildren" | "staff"): ActionScenario {
  return {
    fresh: false,
    prepare: async () => ({ path: `/${portal}`, fields: {}, args: [] }),
    always: async ({ caller, sessionId }, answer) => {
      // EMPTY: Next.js did not run the action at all.
      if (!sessionId || answer === EMPTY) return null;
      const { revokedAt } = await prisma().session.findUniqueOrThrow({ where: { id: sessionId }, select: { revokedAt: true } });
      if (caller.portal === portal && !revokedAt) return "the caller's session is still open after signing out";
      if (caller.portal !== portal && revokedAt) return `signing out of ${portal} ended the caller's ${caller.portal} session`;
      return null;
    },
  };
}

function signInScenario(portal: "mypatients" | "mychildren"): ActionScenario {
  return {
    fresh: false,
    prepare: async ({ world }) => ({ path: `/${portal}/login`, fields: { email: `matrix-nobody-${world.run}@example.org`, password: "not the right password", next: "" } }),
  };
}

/** A staff action's "done", and who it must name as having done it. */
const byStaff = (context: CellContext) => context.caller.email!;

const SCENARIOS: Record<string, ActionScenario> = {
  "app/staff/actions.ts#signOut": signOutScenario("staff"),
  // "Sign in with hospital account": anyone may start single sign-on; nothing changes until the identity provider answers.
  "app/staff/login/actions.ts#signIn": { fresh: false, toIdentityProvider: true, prepare: async () => ({ path: "/staff/login", fields: {} }) },
  "app/staff/staff-actions.ts#providerAction": {
    fresh: false,
    prepare: async ({ matrix }) => {
      const waiting = await matrix.createWaitingProvider();
      return { path: `/staff/providers/${waiting}`, fields: { providerId: waiting, change: "approve" }, ref: waiting };
    },
    effect: async (context, call) => {
      const waiting = await prisma().provider.findUniqueOrThrow({ where: { id: call.ref! } });
      return waiting.membershipStatus === "APPROVED" && waiting.membershipDecidedByStaff === byStaff(context) ? null : `the newcomer's membership is ${waiting.membershipStatus}, decided by ${waiting.membershipDecidedByStaff}`;
    },
  },
  "app/staff/staff-actions.ts#enrollAction": {
    fresh: false,
    prepare: async ({ matrix }) => {
      const practiceId = await matrix.createPendingPractice();
      return { path: "/staff/practices", fields: { practiceId }, ref: practiceId };
    },
    effect: async (context, call) => {
      const practice = await prisma().practice.findUniqueOrThrow({ where: { id: call.ref! } });
      return practice.status === "ENROLLED" && practice.enrolledByStaff === byStaff(context) ? null : `the practice is ${practice.status}, enrolled by ${practice.enrolledByStaff}`;
    },
  },
  "app/staff/staff-actions.ts#disableFamilyAction": {
    fresh: false,
    prepare: async ({ matrix, subject }) => {
      const { accountId } = await matrix.createLinkedAccount(subject);
      return { path: "/staff/families", fields: { accountId }, ref: accountId };
    },
    effect: async (_context, call) => {
      const account = await prisma().familyAccount.findUniqueOrThrow({ where: { id: call.ref! } });
      return account.status === "DISABLED" ? null : "the account is still active";
    },
  },
  "app/staff/staff-actions.ts#endLinkAction": {
    fresh: false,
    prepare: async ({ matrix, subject }) => {
      const { linkId } = await matrix.createLinkedAccount(subject);
      return { path: "/staff/families", fields: { linkId, reason: "Custody change" }, ref: linkId };
    },
    effect: async (context, call) => {
      const link = await prisma().patientLink.findUniqueOrThrow({ where: { id: call.ref! } });
      return link.endedAt && link.endedReason === "Custody change" && link.endedByStaff === byStaff(context) ? null : "the link did not end, with its reason, by the caller";
    },
  },
  "app/staff/staff-actions.ts#activationCodeAction": {
    fresh: false,
    prepare: async ({ subject }) => ({ path: "/staff/families", fields: { mrn: subject.mrn, relationship: "GUARDIAN" }, ref: new Date().toISOString() }),
    effect: async ({ subject }, call) => {
      const issued = await prisma().activationCode.count({ where: { patientId: subject.patientId, createdAt: { gte: new Date(call.ref!) } } });
      return issued === 1 ? null : `expected one activation code issued for the patient, found ${issued}`;
    },
  },
  "app/mychildren/actions.ts#signOut": signOutScenario("mychildren"),
  "app/mypatients/actions.ts#signOut": signOutScenario("mypatients"),
  "app/mychildren/login/actions.ts#signIn": signInScenario("mychildren"),
  "app/mypatients/login/actions.ts#signIn": signInScenario("mypatients"),

  // Registration with an NPI that is taken (the PCP's): refused, whoever asks.
  "app/mypatients/register/actions.ts#register": {
    fresh: false,
    prepare: async ({ world }) => ({
      path: "/mypatients/register",
      fields: {
        intent: "register",
        fullName: "Dr. Matrix Newcomer",
        email: `matrix-newcomer-${world.run}@clinic.example`,
        npi: world.pcp.npi,
        practiceQuery: "",
        practiceId: world.pcp.practiceId,
        notListed: "",
        password: "a long enough passphrase",
      },
    }),
  },
  // The registration page's practice finder: anyone may look up enrolled practices; nothing changes.
  "app/mypatients/register/actions.ts#findPracticesAction": {
    fresh: false,
    prepare: async () => ({ path: "/mypatients/register", fields: { query: "Matrix" } }),
  },

  // "Manage [practice name]": approving a newcomer waiting to join the patient's PCP practice.
  "app/mypatients/practice/actions.ts#membershipAction": {
    fresh: false,
    prepare: async ({ matrix }) => {
      const waiting = await matrix.createWaitingProvider();
      return { path: "/mypatients/practice", fields: { providerId: waiting, change: "approve" }, ref: waiting };
    },
    effect: async ({ caller }, call) => {
      const waiting = await prisma().provider.findUniqueOrThrow({ where: { id: call.ref! } });
      return waiting.membershipStatus === "APPROVED" && waiting.membershipDecidedById === caller.ownerId ? null : `the newcomer's membership is ${waiting.membershipStatus}, decided by ${waiting.membershipDecidedById}`;
    },
  },
  "app/mypatients/practice/actions.ts#confirmMembersAction": {
    fresh: false,
    prepare: async () => ({ path: "/mypatients/practice", fields: {}, ref: new Date().toISOString() }),
    effect: async ({ caller }, call) => {
      const { practice } = await prisma().provider.findUniqueOrThrow({ where: { id: caller.ownerId! }, select: { practice: { select: { membersConfirmedAt: true } } } });
      return practice.membersConfirmedAt && practice.membersConfirmedAt >= new Date(call.ref!) ? null : "the caller's practice was not confirmed";
    },
  },
  "app/mychildren/register/actions.ts#registerFamilyAction": {
    fresh: false,
    prepare: async ({ world }) => ({
      path: "/mychildren/register",
      fields: { code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", fullName: "Matrix Newcomer", email: `matrix-newcomer-${world.run}@family.example`, password: "a long enough passphrase" },
    }),
  },
  "app/mypatients/verify-email/actions.ts#verifyEmail": {
    fresh: false,
    prepare: async () => ({ path: "/mypatients/verify-email", fields: { token: "A".repeat(43) } }),
  },

  // Patient Selection, by the patient's MRN: the one access state, and no change but the audit.
  "app/mypatients/patient-actions.ts#searchAction": {
    fresh: false,
    prepare: async ({ subject }) => ({ path: "/mypatients", fields: { lastName: "", firstName: "", dateOfBirth: "", mrn: subject.mrn } }),
    detail: (state) => (Array.isArray(state.results) ? state.results.map((result: { state?: unknown }) => String(result.state)).join(",") : "no results"),
  },
  "app/mypatients/patient-actions.ts#requestAccessAction": {
    fresh: true,
    prepare: async ({ subject }) => ({ path: "/mypatients", fields: { mrn: subject.mrn, reason: "Matrix consult" } }),
    effect: async ({ caller, subject }) => {
      const pending = await prisma().accessRequest.count({ where: { providerId: caller.ownerId!, patientId: subject.patientId, status: "PENDING" } });
      return pending === 1 ? null : `expected one pending request of the caller, found ${pending}`;
    },
  },
  "app/mypatients/validate-token/actions.ts#validateTokenAction": {
    fresh: true,
    prepare: async ({ matrix, world, caller, subject }) => {
      const invitation = await matrix.createInvitation(subject, caller.portal === "mypatients" ? caller.email! : inviteeEmail(world));
      return { path: "/mypatients/validate-token", fields: { token: invitation.token, mrn: subject.mrn }, ref: invitation.id };
    },
    effect: async ({ caller, subject }, call) => {
      const token = await prisma().invitationToken.findUniqueOrThrow({ where: { id: call.ref! } });
      const grant = await prisma().accessGrant.findFirst({ where: { tokenId: call.ref!, providerId: caller.ownerId!, patientId: subject.patientId, source: "TOKEN", revokedAt: null } });
      return token.usedByProviderId === caller.ownerId && grant ? null : "the token was not used up into a grant for the caller";
    },
  },

  // MyChildren's: each on a pending request / active grant / unused invitation of the patient.
  "app/mychildren/family-actions.ts#decideAction": {
    fresh: true,
    prepare: async ({ subject }) => ({
      path: `/mychildren/requests/${subject.requestId}`,
      fields: { decision: "approve", requestId: subject.requestId, accessEnds: "6m", reason: "" },
    }),
    effect: async ({ caller, subject }) => {
      const request = await prisma().accessRequest.findUniqueOrThrow({ where: { id: subject.requestId }, include: { grant: true } });
      return request.status === "APPROVED" && request.decidedById === caller.ownerId && request.grant ? null : `the request is ${request.status}, decided by ${request.decidedById}, grant ${request.grant ? "made" : "missing"}`;
    },
  },
  "app/mychildren/family-actions.ts#revokeAction": {
    fresh: true,
    prepare: async ({ subject }) => ({ path: sharingPath(subject), fields: { id: subject.grantId, mrn: subject.mrn } }),
    effect: async ({ caller, subject }) => {
      const grant = await prisma().accessGrant.findUniqueOrThrow({ where: { id: subject.grantId } });
      return grant.revokedAt && grant.revokedById === caller.ownerId ? null : "the grant was not revoked by the caller";
    },
  },
  "app/mychildren/family-actions.ts#inviteAction": {
    fresh: true,
    prepare: async ({ world, subject }) => ({ path: sharingPath(subject), fields: { mrn: subject.mrn, providerEmail: inviteeEmail(world) } }),
    effect: async ({ caller, subject }) => {
      const issued = await prisma().invitationToken.count({ where: { patientId: subject.patientId, issuedById: caller.ownerId! } });
      return issued === 1 ? null : `expected one invitation issued by the caller, found ${issued}`;
    },
  },
  "app/mychildren/family-actions.ts#withdrawAction": {
    fresh: true,
    prepare: async ({ matrix, world, subject }) => {
      const invitation = await matrix.createInvitation(subject, inviteeEmail(world));
      return { path: sharingPath(subject), fields: { id: invitation.id, mrn: subject.mrn }, ref: invitation.id };
    },
    effect: async (_context, call) => {
      const invitation = await prisma().invitationToken.findUniqueOrThrow({ where: { id: call.ref! } });
      return invitation.withdrawnAt ? null : "the invitation was not withdrawn";
    },
  },

  // "Cancel request" on My access requests, naming the requester's pending request: nobody else's
  // to cancel, so it reads as not found and stays pending.
  "app/mypatients/requests/request-actions.ts#cancelRequestAction": {
    fresh: false,
    prepare: async ({ subject }) => ({ path: "/mypatients/requests", fields: { requestId: subject.requestId } }),
    always: async ({ subject }) => {
      const { status } = await prisma().accessRequest.findUniqueOrThrow({ where: { id: subject.requestId }, select: { status: true } });
      return status === "PENDING" ? null : `the requester's request is ${status}`;
    },
  },
  // Password reset and change: for an email with no account (the same answer as for one), a link
  // that was never sent, and a new password too short (the form is refused before anything is checked).
  "app/mypatients/forgot-password/actions.ts#sendResetLink": { fresh: false, prepare: async ({ world }) => ({ path: "/mypatients/forgot-password", fields: { email: `matrix-nobody-${world.run}@example.org` } }) },
  "app/mychildren/forgot-password/actions.ts#sendResetLink": { fresh: false, prepare: async ({ world }) => ({ path: "/mychildren/forgot-password", fields: { email: `matrix-nobody-${world.run}@example.org` } }) },
  "app/mypatients/reset-password/actions.ts#setNewPassword": { fresh: false, prepare: async () => ({ path: "/mypatients/reset-password", fields: { token: "A".repeat(43), password: "a long enough passphrase" } }) },
  "app/mychildren/reset-password/actions.ts#setNewPassword": { fresh: false, prepare: async () => ({ path: "/mychildren/reset-password", fields: { token: "A".repeat(43), password: "a long enough passphrase" } }) },
  "app/mypatients/account/actions.ts#changeMyPassword": { fresh: false, prepare: async () => ({ path: "/mypatients/account", fields: { currentPassword: "not checked", newPassword: "short" } }) },
  // Two-step sign-in: turning it on only starts enrolment (back to Account); a confirmation code
  // and a current password that are malformed are refused before anything is checked; the second
  // step without a pending sign-in (no password step passed) is sent to sign in.
  "app/mypatients/account/actions.ts#startTwoStep": {
    fresh: false,
    prepare: async () => ({ path: "/mypatients/account", fields: {} }),
    effect: async ({ caller }) => {
      const row = await prisma().provider.findUniqueOrThrow({ where: { id: caller.ownerId! } });
      return row.twoStepSecret && !row.twoStepEnabledAt ? null : "no enrolment was started";
    },
  },
  "app/mypatients/account/actions.ts#confirmTwoStep": { fresh: false, prepare: async () => ({ path: "/mypatients/account", fields: { code: "12" } }) },
  "app/mypatients/account/actions.ts#disableTwoStep": { fresh: false, prepare: async () => ({ path: "/mypatients/account", fields: { currentPassword: "" } }) },
  "app/mypatients/two-step/actions.ts#submitSecondStep": { fresh: false, prepare: async () => ({ path: "/mypatients/two-step", fields: { code: "123456", next: "/mypatients" } }) },
  "app/mypatients/two-step/actions.ts#enrolAtSignIn": { fresh: false, prepare: async () => ({ path: "/mypatients/two-step", fields: { code: "123456" } }) },
  "app/mychildren/account/actions.ts#changeMyPassword": { fresh: false, prepare: async () => ({ path: "/mychildren/account", fields: { currentPassword: "not checked", newPassword: "short" } }) },
  // "Add a child" with a code that was never issued: refused, counted toward the account's lock.
  "app/mychildren/account/actions.ts#addChildAction": { fresh: false, prepare: async () => ({ path: "/mychildren/account", fields: { code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ" } }) },
  // "English" / "Español": open to everyone, a cookie for anyone; a signed-in family's choice is
  // also kept on its own account (audited), and on no other.
  "app/mychildren/language-actions.ts#switchLanguage": {
    fresh: false,
    prepare: async ({ caller }) => {
      if (caller.portal === "mychildren") await prisma().familyAccount.update({ where: { id: caller.ownerId! }, data: { language: "EN" } });
      const others = await prisma().familyAccount.count({ where: { language: "ES", ...(caller.portal === "mychildren" ? { id: { not: caller.ownerId! } } : {}) } });
      return { path: "/mychildren/account", fields: { language: "es", returnTo: "/mychildren/account" }, ref: String(others) };
    },
    doneBy: ({ caller }, answer) => caller.portal === "mychildren" && answer === SWITCHED,
    effect: async ({ caller }, call) => {
      const own = await prisma().familyAccount.findUniqueOrThrow({ where: { id: caller.ownerId! }, select: { language: true } });
      const others = await prisma().familyAccount.count({ where: { language: "ES", id: { not: caller.ownerId! } } });
      const audited = await prisma().auditEvent.count({ where: { action: "account.language", actorId: caller.ownerId!, occurredAt: { gte: new Date(Date.now() - 60_000) } } });
      if (own.language !== "ES") return `the caller's own account is still ${own.language}`;
      if (String(others) !== call.ref) return `other accounts changed language (${call.ref} in Spanish before, ${others} after)`;
      return audited > 0 ? null : "the change was not audited";
    },
    // Back to English, as the other actions' cells expect the family callers to read.
    always: async ({ caller }) => {
      if (caller.portal === "mychildren") await prisma().familyAccount.update({ where: { id: caller.ownerId! }, data: { language: "EN" } });
      return null;
    },
  },

  // "This wasn't me" with a link that was never sent: refused like verification, whoever asks.
  "app/mypatients/verify-email/actions.ts#cancelRegistrationAction": { fresh: false, prepare: async () => ({ path: "/mypatients/verify-email", fields: { token: "A".repeat(43) } }) },
};

// ---------------------------------------------------------------- running the cells

const TEST_TIMEOUT = 15 * 60_000;

let app: OwnApp;
/** The matrix's own app. */
let baseUrl: string;
let matrix: MatrixWorld;
let snapshots: DatabaseSnapshots;
/** Server action ids by "file#export", read from the build once, as the server under test loaded it. */
let actionIds: Map<string, string>;

/**
 * Cells checked, per test, kept in a file of this run (in Playwright's output folder, which each
 * run starts empty) so that the total survives the worker restart that follows a failed test.
 */
const tallyName = `access-matrix-cells-${path.basename(new URL(process.env.E2E_DATABASE_URL ?? "postgresql://localhost/unknown").pathname)}.json`;
function readTally(outputDir: string): Record<string, number> {
  const file = path.join(outputDir, tallyName);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, number>) : {};
}
function tally(outputDir: string, title: string, cells: number): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(path.join(outputDir, tallyName), JSON.stringify({ ...readTally(outputDir), [title]: cells }));
}

// Thousands of requests, each with its transaction: the embedded PGlite, which runs one query at
// a time, cannot keep up within Prisma's transaction wait. The matrix runs wherever a PostgreSQL
// server is available, which CI requires (tests/support/test-database.ts).
test.skip(process.env.E2E_DATABASE_KIND === "embedded", "the access matrix needs a PostgreSQL server");

test.beforeAll(async ({ ownApp }) => {
  app = ownApp;
  baseUrl = ownApp.baseUrl;
  actionIds = new Map((await allServerActions()).map((action) => [`${action.filename}#${action.exportedName}`, action.id]));
  matrix = await MatrixWorld.create(ownApp);
  snapshots = await DatabaseSnapshots.connect(ownApp.databaseUrl);
});

test.afterAll(async ({}, testInfo) => {
  await snapshots?.close();
  const total = Object.values(readTally(testInfo.project.outputDir)).reduce((sum, cells) => sum + cells, 0);
  console.log(`access matrix: ${total} cells checked (${Object.keys(PAGES).length} pages, ${Object.keys(ROUTES).length} route handlers, ${Object.keys(ACTIONS).length} server actions × ${CALLERS.length} callers, with ${VARIANTS.length} header sets for ${HEADER_PROBE_CALLERS.length} of them and ${VARIANTS.filter((variant) => variant.everyCaller === true).length} for the rest)`);
});

/** The values of a route's dynamic segments: the subject's, or ones that exist nowhere. */
const SEGMENTS: Record<string, (values: { mrn: string; id: string }) => string> = {
  mrn: (values) => values.mrn,
  id: (values) => values.id,
  // MyChildren's catch-all: an address that names no page.
  "...missing": () => "no-such-page",
  // next-auth's own endpoints under /api/auth/staff (only its callback is served).
  "...nextauth": () => "session",
};

/** The route with its dynamic segments filled in, and the values used. */
function fillRoute(route: string, values: { mrn: string; id: string }): { path: string; asked: string[] } {
  const asked: string[] = [];
  const filled = route.replace(/\[([^\]]+)\]/g, (_segment, name: string) => {
    const value = SEGMENTS[name];
    if (!value) throw new Error(`no value for the dynamic segment [${name}] of ${route}: add it to SEGMENTS`);
    asked.push(value(values));
    return encodeURIComponent(value(values));
  });
  return { path: filled, asked };
}

function markersOf(subject: Subject): Markers {
  return { identity: [subject.firstName, subject.lastName], record: [subject.allergy] };
}

/** Every cell of a row: each caller with the header sets sent for it (see VARIANTS). */
const ROW_CELLS: readonly { caller: CallerId; variant: Variant }[] = CALLERS.flatMap((caller) =>
  VARIANTS.filter((variant) => variant.everyCaller === true || HEADER_PROBE_CALLERS.includes(caller)).map((variant) => ({ caller, variant })),
);

function headersFor(variant: Variant, cookie: string | null): Record<string, string> {
  return { ...variant.headers, ...(cookie ? { cookie } : {}) };
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next]!;
        next += 1;
        await work(item);
      }
    }),
  );
}

/** Whether `answer` is the expected one (or the empty answer a header set may get instead). */
function answers(variant: Variant, answer: string, expected: string): boolean {
  return answer === expected || (variant.mayAnswerEmpty === true && answer === EMPTY);
}

function describeCell(entry: string, caller: CallerId, variant: Variant): string {
  return `${entry} × ${caller} (${CALLER_DESCRIPTIONS[caller]}) [${variant.name}]`;
}

/** How a response differs from the one for something that does not exist, or null when it does not. */
function differenceFromMissing(response: MatrixResponse, asked: string[], twin: MatrixResponse, twinAsked: string[]): string | null {
  if (response.status !== twin.status) return `status ${response.status}, but ${twin.status} for one that does not exist`;
  if (normalizedBody(response.routing, asked) !== normalizedBody(twin.routing, twinAsked)) return `routing headers ${response.routing}, but ${twin.routing} for one that does not exist`;
  const where = (value: MatrixResponse, values: string[]) => (redirectOf(value) ? normalizedBody(redirectOf(value)!, values) : null);
  if (where(response, asked) !== where(twin, twinAsked)) return `goes to ${redirectOf(response)}, but to ${redirectOf(twin)} for one that does not exist`;
  const body = normalizedBody(response.body, asked);
  const twinBody = normalizedBody(twin.body, twinAsked);
  return body === twinBody ? null : `its body differs from the one for something that does not exist ${firstDifference(body, twinBody)}`;
}

async function checkPageCell(route: string, callerId: CallerId, variant: Variant, expected: string, method: MatrixRequest["method"] = "GET"): Promise<string | null> {
  const { world } = matrix;
  const caller = world.callers[callerId];
  const subject = world.subjects[SUBJECT_OF[callerId]];
  const target = fillRoute(route, { mrn: subject.mrn, id: subject.requestId });
  const { cookie } = await matrix.signIn(caller);
  const response = await send(baseUrl, { method, path: target.path, headers: headersFor(variant, cookie) });
  let answer = pageAnswer(response, markersOf(subject));
  // SPEC §7: what carries patient data is never cached.
  if (answer.startsWith("200:") && !/no-store/.test(response.cacheControl ?? "")) answer += "+cacheable";
  const problems: string[] = [];
  if (!answers(variant, answer, expected)) problems.push(`answered ${answer}, expected ${expected}`);
  const redirect = redirectOf(response);
  const unsafe = redirect ? unsafeReturnPath(redirect) : null;
  if (unsafe) problems.push(`its redirect ${unsafe}`);
  // Where the caller may not see what was asked for, it must be indistinguishable from nothing.
  if (target.asked.length > 0 && !expected.startsWith("200")) {
    const missing = fillRoute(route, world.missing);
    const twin = await send(baseUrl, { method, path: missing.path, headers: headersFor(variant, (await matrix.signIn(caller)).cookie) });
    const difference = differenceFromMissing(response, target.asked, twin, missing.asked);
    if (difference) problems.push(difference);
  }
  return problems.length > 0 ? `${describeCell(target.path, callerId, variant)}: ${problems.join("; ")}` : null;
}

async function checkActionCell(key: string, actionId: string, scenario: ActionScenario, callerId: CallerId, variant: Variant, expected: string): Promise<string | null> {
  const { world } = matrix;
  const caller = world.callers[callerId];
  const subject = scenario.fresh ? await matrix.createSubject(SUBJECT_OF[callerId]) : world.subjects[SUBJECT_OF[callerId]];
  const { cookie, sessionId } = await matrix.signIn(caller);
  const context: CellContext = { matrix, world, caller, subject, sessionId };
  const call = await scenario.prepare(context);
  const before = await snapshots.take();
  const request = await serverActionRequest(call.path, actionId, call.fields, { ...headersFor(variant, cookie), origin: baseUrl }, call.args);
  const response = await send(baseUrl, { method: "POST", path: request.path, headers: request.headers, body: request.body });
  const { answer } = actionAnswer(response, markersOf(subject), scenario.detail);
  const after = await snapshots.take();
  const problems: string[] = [];
  if (!answers(variant, answer, expected)) problems.push(`answered ${answer}, expected ${expected}`);
  const redirect = redirectOf(response);
  const unsafe = redirect ? unsafeReturnPath(redirect) : null;
  const toIdentityProvider = scenario.toIdentityProvider === true && redirect !== null && redirect.startsWith(`${app.identityProvider}/`);
  if (unsafe && !toIdentityProvider) problems.push(`its redirect ${unsafe}`);
  if (scenario.toIdentityProvider && answer !== EMPTY && !toIdentityProvider) problems.push(`expected a redirect to the identity provider at ${app.identityProvider}, got ${redirect}`);
  if ((answer.startsWith("ok") || scenario.doneBy?.(context, answer) === true) && scenario.effect) {
    const problem = await scenario.effect(context, call);
    if (problem) problems.push(problem);
  } else {
    const changed = changedTables(before, after);
    if (changed.length > 0) problems.push(`changed the database (${changed.join(", ")})`);
  }
  const problem = await scenario.always?.(context, answer);
  if (problem) problems.push(problem);
  return problems.length > 0 ? `${describeCell(`${key} on ${call.path}`, callerId, variant)}: ${problems.join("; ")}` : null;
}

// ---------------------------------------------------------------- the tests

test("the matrix has a row for every page, route handler and server action, and nothing else", async () => {
  const pages = discoverPages();
  const routes = discoverRouteHandlers();
  const actions = await discoverServerActions();
  const difference = (found: string[], rows: Record<string, unknown>) => ({
    withoutRow: found.filter((entry) => !(entry in rows)),
    rowWithoutEntry: Object.keys(rows).filter((entry) => !found.includes(entry)),
  });
  expect({ pages: difference(pages, PAGES), routeHandlers: difference(routes, ROUTES), serverActions: difference(actions, ACTIONS) }).toEqual({
    pages: { withoutRow: [], rowWithoutEntry: [] },
    routeHandlers: { withoutRow: [], rowWithoutEntry: [] },
    serverActions: { withoutRow: [], rowWithoutEntry: [] },
  });
  expect(Object.keys(ACTIONS).filter((key) => !(key in SCENARIOS)), "server actions without a way to call them").toEqual([]);
  for (const route of pages) expect(() => fillRoute(route, { mrn: "1", id: "1" }), route).not.toThrow();
  // The surface is real: the known entry points are all found.
  expect(pages).toContain("/mypatients/patients/[mrn]");
  expect(routes).toContain("GET /api/health");
  expect(actions).toContain("app/mypatients/patient-actions.ts#searchAction");
});

for (const [route, expected] of Object.entries(PAGES)) {
  test(`page ${route}`, async () => {
    test.setTimeout(TEST_TIMEOUT);
    const cells = ROW_CELLS;
    const problems: string[] = [];
    await inPool(cells, 8, async ({ caller, variant }) => {
      const problem = await checkPageCell(route, caller, variant, expected[caller]);
      if (problem) problems.push(problem);
    });
    tally(test.info().project.outputDir, `page ${route}`, cells.length);
    expect(problems, `${problems.length} of ${cells.length} cells answered wrongly`).toEqual([]);
  });
}

for (const [handler, expected] of Object.entries(ROUTES)) {
  test(`route handler ${handler}`, async () => {
    test.setTimeout(TEST_TIMEOUT);
    const [method, route] = handler.split(" ") as [MatrixRequest["method"], string];
    const cells = ROW_CELLS.filter(({ variant }) => method === "GET" || variant.getOnly !== true);
    const problems: string[] = [];
    await inPool(cells, 8, async ({ caller, variant }) => {
      const problem = await checkPageCell(route, caller, variant, expected[caller], method);
      if (problem) problems.push(problem);
    });
    tally(test.info().project.outputDir, `route handler ${handler}`, cells.length);
    expect(problems, `${problems.length} of ${cells.length} cells answered wrongly`).toEqual([]);
  });
}

for (const [key, expected] of Object.entries(ACTIONS)) {
  test(`server action ${key}`, async () => {
    test.setTimeout(TEST_TIMEOUT);
    const scenario = SCENARIOS[key];
    expect(scenario, `how to call ${key}`).toBeDefined();
    const actionId = actionIds.get(key);
    expect(actionId, `${key} in the build's server-reference manifest`).toBeDefined();
    const problems: string[] = [];
    let cells = 0;
    // One at a time: each cell compares the database before and after it.
    for (const { caller, variant } of ROW_CELLS.filter(({ variant }) => variant.getOnly !== true)) {
      const problem = await checkActionCell(key, actionId!, scenario!, caller, variant, expected[caller]);
      cells += 1;
      if (problem) problems.push(problem);
    }
    tally(test.info().project.outputDir, `server action ${key}`, cells);
    expect(problems, `${problems.length} of ${cells} cells answered wrongly`).toEqual([]);
  });
}
