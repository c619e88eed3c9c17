import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext, TestInfo } from "@playwright/test";
import fc from "fast-check";
import { issueActivationCode } from "@/lib/family/activation";
import { safeReturnPath } from "@/lib/auth/return-path";
import { addMonths } from "@/lib/dates";
import { hashToken, normalizeToken } from "@/lib/tokens/format";
import { uniqueNpi } from "./support/factories";
import { DatabaseWatch, type AllowedChanges } from "./support/hostile-db";
import {
  actionPage,
  callAction,
  fetchPath,
  Findings,
  judgeActionAnswer,
  judgeAnswer,
  postRaw,
  readActionAnswer,
  routeHandlers,
  serverActions,
  staysOnSite,
  type Answer,
  type ServerAction,
} from "./support/hostile-http";
import { brief, describeForm, formTexts, hostileForm, hostileText, ID_LIKE, notFormData, toFormData, wellFormedToken } from "./support/hostile-inputs";
import { callerHeaders, FUZZ_ADDRESS, percentEncode, planFor, signedInHeaders, urlPart, type ActionPlan } from "./support/hostile-plans";
import { createFamilyAccount, createProvider, createWorld, PASSWORD, sessionCookieHeader, type World } from "./support/hostile-world";
import { expect, test, type OwnApp } from "./support/own-app";

// Hostile input (SPEC §7: "All input is validated on the server. Bad input gets a clear message
// and changes nothing; no request ever answers with a stack trace"). Every server action, route
// handler and page with parameters is sent malformed, oversized, wrong-typed, control-character
// and injection-shaped input, generated with fast-check; each answer must be a clear message, a
// 4xx, the page or a redirect within the site, and the database must change only where a refusal
// is audited or counted toward a lockout. Then: guessing is bounded by the lockouts (SPEC §4, §7),
// and the sign-in return path never leads off the site or out of the portal.
//
// The spec uses accounts and records of its own (e2e/support/hostile-world.ts), on an app and a
// database of its own (e2e/support/own-app.ts): each check compares the whole database before and
// after, which the other specs, running beside it, would otherwise change. Its tests share that
// world and run in order, in one worker.
// HOSTILE_SEED=<n> replays a run (the seed of each run is in the report's annotations).

test.describe.configure({ mode: "default" });

/** Property runs per action (hostile forms), per action or route (other inputs), per page: the spec stays within minutes. */
const FORM_RUNS = 50;
const RUNS = 30;
const PAGE_RUNS = 20;
const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));

const SIGN_IN_REFUSED = "That email and password did not work. After 10 unsuccessful tries, sign-in is paused for 15 minutes.";
const TOKEN_INVALID = "This token is not valid for this MRN";
const TOO_MANY_ATTEMPTS = "Too many attempts. Try again in 15 minutes.";
const INVALID_ACTIVATION_CODE = "This activation code is not valid. Check it, or ask the hospital for a new one.";

const TITLES = {
  forms: "every server action answers hostile form fields with a message, never a 500, and changes only what refusals record",
  arguments: "every server action answers arguments of the wrong type with a message or a 4xx, never a 500",
  bodies: "every server action answers bodies React would never encode with a 4xx, never a 500",
  routes: "route handlers answer hostile methods, query strings and bodies without a 500",
  pages: "pages with path and query parameters answer with the page, a redirect within the site, or not found",
  examples: "known hostile inputs that pass a form's first checks are still refused cleanly",
  tokens: "guessing invitation tokens stops being answered after five failures, even in a burst",
  activation: "guessing activation codes stops being answered after ten failures from one address",
  signIn: "sign-in to one account locks after ten failures, and then refuses even the right password",
  redirects: "after signing in, the return path never leads off the site or out of the portal",
} as const;

let app: OwnApp;
let world: World;
let actions: ServerAction[];
let watch: DatabaseWatch;
let origin: string;
/** The origin of the app's identity provider, where the staff console's sign-in sends people. */
let identityProvider: string;

/** Dynamic segments of the pages the actions are posted to. */
const segments = () => ({ mrn: world.patient.mrn, id: "00000000-0000-4000-8000-000000000000" });

function findAction(filename: string, exportedName: string): ServerAction {
  const action = actions.find((candidate) => candidate.filename === filename && candidate.exportedName === exportedName);
  if (!action) throw new Error(`the build has no server action ${filename}#${exportedName}`);
  return action;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function messageOf(answer: Answer): string | undefined {
  const read = readActionAnswer(answer);
  if (read.kind !== "state" || typeof read.state !== "object" || read.state === null) return undefined;
  const { message } = read.state as { message?: unknown };
  return typeof message === "string" ? message : undefined;
}

function describeArguments(values: readonly unknown[]): string {
  return `[${values.map((value) => (value instanceof FormData ? `FormData ${brief([...value.entries()].map(([name, entry]) => [name, typeof entry === "string" ? brief(entry) : "(file)"]))}` : brief(value))).join(", ")}]`;
}

/** Strings inside arguments (which the app may echo back). */
function textsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value instanceof FormData) return [...value.entries()].flatMap(([name, entry]) => (typeof entry === "string" ? [name, entry] : [name]));
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.entries(value).flatMap(([key, inner]) => [key, ...textsIn(inner)]);
  return [];
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

// ---------------------------------------------------------------- the count the security document quotes

interface TallyFile {
  inputs: number;
  endpoints: string[];
  done: string[];
}

const tallyPath = (info: TestInfo) => path.join(info.project.outputDir, "hostile-input-tally.json");

async function readTally(info: TestInfo): Promise<TallyFile> {
  try {
    return JSON.parse(await readFile(tallyPath(info), "utf8")) as TallyFile;
  } catch {
    return { inputs: 0, endpoints: [], done: [] };
  }
}

/** What this test tried; kept in a file, since a failing test restarts the worker and its memory. */
const tried = { inputs: 0, endpoints: new Set<string>() };

function count(endpoint: string, inputs = 1): void {
  tried.inputs += inputs;
  tried.endpoints.add(endpoint);
}

test.beforeAll(async ({ ownApp }) => {
  app = ownApp;
  origin = new URL(ownApp.baseUrl).origin;
  identityProvider = new URL(ownApp.identityProvider).origin;
  watch = new DatabaseWatch(ownApp.databaseUrl);
  world = await createWorld(ownApp);
  actions = await serverActions();
  // Emails queued so far are delivered before any snapshot is taken.
  await watch.outboxIdle();
});

test.beforeEach(() => {
  tried.inputs = 0;
  tried.endpoints.clear();
  test.info().annotations.push({ type: "fast-check seed", description: String(SEED) });
});

test.afterEach(async ({}, info) => {
  const tally = await readTally(info);
  tally.inputs += tried.inputs;
  tally.endpoints = [...new Set([...tally.endpoints, ...tried.endpoints])];
  tally.done = [...new Set([...tally.done, info.title])];
  await writeFile(tallyPath(info), JSON.stringify(tally));
});

test.afterAll(async ({}, info) => {
  await watch.close();
  const tally = await readTally(info);
  if (Object.values(TITLES).every((title) => tally.done.includes(title))) {
    console.log(`hostile input: ${tally.inputs} inputs tried across ${tally.endpoints.length} endpoints`);
  }
});

// ---------------------------------------------------------------- 1. server actions

/**
 * Runs `probe` for each server action, with its plan, its label, the page it is posted to and
 * the findings to fill; then expects no findings (each answer was `acceptable`) and no change to
 * the database but what refusals record.
 */
async function forEachAction(
  acceptable: string,
  probe: (context: { action: ServerAction; plan: ActionPlan; label: string; target: string; findings: Findings }) => Promise<void>,
): Promise<void> {
  for (const action of actions) {
    const plan = planFor(action, world);
    const label = `${action.filename}#${action.exportedName}`;
    const findings = new Findings();
    await watch.outboxIdle();
    const before = await watch.snapshot();
    await probe({ action, plan, label, target: actionPage(action, segments()), findings });
    expect.soft(findings.list(), `${label}: ${acceptable}`).toEqual([]);
    expect.soft(await watch.unexpectedChanges(before, plan.allowed), `${label}: the database changed only as refusals record`).toEqual([]);
  }
}

test(TITLES.forms, async ({ request }) => {
  test.setTimeout(180_000);
  expect(actions.length, "server actions in the build").toBeGreaterThan(0);
  await forEachAction("every answer is a message, a 4xx or a redirect within the site", async ({ action, plan, label, target, findings }) => {
    await fc.assert(
      fc.asyncProperty(hostileForm(plan.fields), callerHeaders(plan.caller, world), async (hostile, headers) => {
        const answer = await callAction(request, action, target, [{ ok: false }, toFormData(hostile)], headers);
        count(`action ${label}`);
        findings.add(judgeActionAnswer(answer, origin, formTexts(hostile), plan.toIdentityProvider ? [identityProvider] : []), () => `${describeForm(hostile)}${headers.cookie ? "" : " (signed out)"}`);
      }),
      { numRuns: FORM_RUNS, seed: SEED },
    );
  });
});

/** Bodies no React client sends to a server action. */
function rawBodies(action: ServerAction): { label: string; type: string; body: Buffer; actionId: string | null }[] {
  const text = "text/plain;charset=UTF-8";
  const boundary = "----hostile-boundary";
  const multipart = `multipart/form-data; boundary=${boundary}`;
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const entries: [string, string, string | Buffer, string | null][] = [
    ["garbage multipart", multipart, `--${boundary}\r\ngarbage`, action.id],
    ["multipart without a boundary", "multipart/form-data", part("mrn", "1"), action.id],
    ["multipart with a boundary the body does not use", "multipart/form-data; boundary=elsewhere", `${part("0", '["$K1"]')}--${boundary}--\r\n`, action.id],
    ["JSON where multipart is expected", multipart, '{"mrn":"1000001","token":"ABCD-EFGH-JKMN-PQRS"}', action.id],
    ["a JSON object", "application/json", '{"mrn":"1000001"}', action.id],
    ["a JSON object as the encoded reply", text, '{"0":{"ok":false},"1":{"mrn":"1000001"}}', action.id],
    ["a truncated encoded reply", text, "[[[[", action.id],
    ["a reference to form data that is not there", text, '[{"ok":false},"$K1"]', action.id],
    ["a reference to a chunk that is not there", text, '["$@5","$Q9"]', action.id],
    ["a URL-encoded form", "application/x-www-form-urlencoded", "mrn=1000001&token=ABCD-EFGH-JKMN-PQRS&email=a%40b.example", action.id],
    ["an empty body", text, "", action.id],
    ["binary noise", "application/octet-stream", Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 131 + 7) % 256)), action.id],
    ["an oversized body (2 MB)", text, JSON.stringify([{ ok: false }, "x".repeat(2_000_000)]), action.id],
    ["a field with an empty name", multipart, `${part("", "1")}${part("0", '[{"ok":false},"$K1"]')}--${boundary}--\r\n`, action.id],
    ["a form whose type is not in lower case", `Multipart/Form-Data; boundary=${boundary}`, `${part("1_mrn", "1")}${part("0", '[{"ok":false},"$K1"]')}--${boundary}--\r\n`, action.id],
    ["a field whose name holds a NUL character", multipart, `${part("1_m\u0000rn", "1")}${part("0", '[{"ok":false},"$K1"]')}--${boundary}--\r\n`, action.id],
    ["a file part whose filename holds a NUL character", multipart, `--${boundary}\r\nContent-Disposition: form-data; name="1_mrn"; filename="a\u0000.txt"\r\nContent-Type: text/plain\r\n\r\n1\r\n${part("0", '[{"ok":false},"$K1"]')}--${boundary}--\r\n`, action.id],
    ["garbage multipart, without an action id", multipart, `--${boundary}\r\ngarbage`, null],
    ["a form posted without JavaScript that names the action", multipart, `${part(`$ACTION_ID_${action.id}`, "")}${part("mrn", "1000001")}${part("email", "a@b.example")}--${boundary}--\r\n`, null],
  ];
  return entries.map(([label, type, body, actionId]) => ({ label, type, body: typeof body === "string" ? Buffer.from(body, "utf8") : body, actionId }));
}

async function postBody(request: APIRequestContext, target: string, actionId: string | null, type: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  if (actionId) return postRaw(request, target, actionId, body, type, headers);
  return fetchPath(request, "POST", target, { ...headers, "content-type": type, accept: "text/html" }, body);
}

test(TITLES.arguments, async ({ request }) => {
  test.setTimeout(120_000);
  await forEachAction("every answer is a message or a 4xx", async ({ action, plan, label, target, findings }) => {
    const formData = hostileForm(plan.fields).map(toFormData);
    const wrongArguments = fc.oneof(
      fc.constant<unknown[]>([]),
      fc.array(notFormData, { minLength: 1, maxLength: 4 }),
      formData.map((data): unknown[] => [data]),
      fc.tuple(notFormData, notFormData).map((pair): unknown[] => pair),
      fc.tuple(formData, notFormData).map(([data, extra]): unknown[] => [{ ok: false }, data, extra]),
      fc.tuple(notFormData, formData).map(([state, data]): unknown[] => [data, state]),
    );
    await fc.assert(
      fc.asyncProperty(wrongArguments, callerHeaders(plan.caller, world), async (values, headers) => {
        const answer = await callAction(request, action, target, values, headers);
        count(`action ${label}`);
        findings.add(judgeActionAnswer(answer, origin, textsIn(values), plan.toIdentityProvider ? [identityProvider] : []), () => `arguments ${describeArguments(values)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

test(TITLES.bodies, async ({ request }) => {
  test.setTimeout(120_000);
  await forEachAction("every answer is a 4xx", async ({ action, plan, label, target, findings }) => {
    const headers = signedInHeaders(plan.caller, world);
    for (const raw of rawBodies(action)) {
      const answer = await postBody(request, target, raw.actionId, raw.type, raw.body, headers);
      count(`action ${label}`);
      findings.add(
        // A form posted without JavaScript is the staff sign-in's real use: it goes to the identity provider.
        judgeAnswer(answer, origin, [raw.body.toString("utf8")], plan.toIdentityProvider ? [identityProvider] : []).map((problem) => `${raw.label}: ${problem}`),
        () => `${raw.type}${raw.actionId ? "" : ", no Next-Action header"}`,
      );
    }
    const randomBodies = fc.tuple(
      fc.constantFrom("text/plain;charset=UTF-8", "multipart/form-data; boundary=x", "application/json", "application/x-www-form-urlencoded"),
      fc.oneof(fc.uint8Array({ maxLength: 4_000 }).map((bytes) => Buffer.from(bytes)), hostileText().map((value) => Buffer.from(value, "utf8"))),
    );
    await fc.assert(
      fc.asyncProperty(randomBodies, async ([type, body]) => {
        const answer = await postRaw(request, target, action.id, body, type, headers);
        count(`action ${label}`);
        findings.add(
          judgeAnswer(answer, origin, [body.toString("utf8")]).map((problem) => `random body as ${type.split(";")[0]}: ${problem}`),
          () => `${body.length} bytes ${brief(body.toString("utf8"))}`,
        );
      }),
      { numRuns: 10, seed: SEED },
    );
  });

  // Action ids that name no action, at a page that has actions.
  const findings = new Findings();
  const before = await watch.snapshot();
  for (const id of ["0".repeat(42), "ff", "x".repeat(42), "' OR 1=1 --", "../../etc/passwd", "7".repeat(4_000), actions[0]!.id.toUpperCase()]) {
    const answer = await postRaw(request, "/mypatients", id, Buffer.from('[{"ok":false}]'), "text/plain;charset=UTF-8", { cookie: world.cookies.provider });
    count("page /mypatients");
    findings.add(judgeAnswer(answer, origin, [id]), () => `Next-Action: ${brief(id)}`);
  }
  expect.soft(findings.list(), "unknown action ids").toEqual([]);
  expect.soft(await watch.unexpectedChanges(before), "unknown action ids change nothing").toEqual([]);
});

// ---------------------------------------------------------------- 2. route handlers

/** next-auth's routes, were they exposed (the portals sign in through their own server actions). */
const AUTH_PATHS = ["mypatients", "mychildren"].flatMap((portal) =>
  ["session", "csrf", "providers", "signin", "signin/password", "callback/password", "signout", "error"].map((route) => `/api/auth/${portal}/${route}`),
);

test(TITLES.routes, async ({ request }) => {
  test.setTimeout(120_000);
  const routes = await routeHandlers();
  expect(routes).toEqual(expect.arrayContaining(["/api/health", "/api/baseline"]));
  const targets = [...routes.map((route) => ({ label: `route ${route}`, paths: [route] })), { label: "route /api/auth/* (next-auth)", paths: [...AUTH_PATHS, "/api/auth/session", "/api/auth/signin"] }];
  const requests = fc.record({
    method: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
    name: urlPart(["x", "callbackUrl", "csrfToken"]),
    value: urlPart(["1", "/mypatients", "https://evil.example"]),
    asPath: fc.boolean(),
    body: fc.option(hostileText(), { nil: undefined }),
    type: fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"),
    cookie: fc.constantFrom("", world.cookies.provider, world.cookies.family),
  });
  for (const target of targets) {
    const findings = new Findings();
    await watch.outboxIdle();
    const before = await watch.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...target.paths), requests, async (route, hostile) => {
        const url = hostile.asPath ? `${route}/${hostile.value}` : `${route}?${hostile.name}=${hostile.value}&${hostile.name}=${hostile.value}`;
        const carriesBody = hostile.body !== undefined && !["GET", "HEAD"].includes(hostile.method);
        const headers: Record<string, string> = { "x-forwarded-for": FUZZ_ADDRESS, ...(hostile.cookie ? { cookie: hostile.cookie } : {}), ...(carriesBody ? { "content-type": hostile.type } : {}) };
        const answer = await fetchPath(request, hostile.method, url, headers, carriesBody ? Buffer.from(hostile.body!, "utf8") : undefined);
        count(target.label);
        const described = `${hostile.method} ${hostile.asPath ? "below" : "at"} the route${carriesBody ? ` with a ${hostile.type.split(";")[0]} body` : ""}`;
        findings.add(
          judgeAnswer(answer, origin, [decoded(hostile.name), decoded(hostile.value), hostile.body ?? ""]).map((problem) => `${described}: ${problem}`),
          () => `${hostile.method} ${brief(url)}${carriesBody ? ` with ${brief(hostile.body)}` : ""}`,
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect.soft(findings.list(), `${target.label}: no 5xx, no internal detail`).toEqual([]);
    expect.soft(await watch.unexpectedChanges(before), `${target.label}: nothing changes`).toEqual([]);
  }
});

// ---------------------------------------------------------------- 3. pages with parameters

test(TITLES.pages, async ({ request }) => {
  test.setTimeout(150_000);
  const mrn = world.patient.mrn;
  // A patient of another practice, whose guardian is the other family.
  const other = world.otherPatient.mrn;
  const recordViews: AllowedChanges = { AuditEvent: (row) => row.action === "record.view" && row.actorId === world.provider.id };
  const staffViews: AllowedChanges = { AuditEvent: (row) => (row.action === "staff.view" || row.action === "staff.audit_export") && row.actorId === world.staff.email };
  const ids = fc.oneof(urlPart(ID_LIKE), fc.uuid().map((uuid) => uuid.toString()));
  const pages: { route: string; who: keyof World["cookies"] | "signed out"; url: fc.Arbitrary<string>; allowed?: AllowedChanges }[] = [
    { route: "/mypatients/patients/[mrn]", who: "provider", url: urlPart([mrn, other]).map((part) => `/mypatients/patients/${part}`), allowed: recordViews },
    { route: "/mypatients/patients/[mrn]", who: "signed out", url: urlPart([mrn]).map((part) => `/mypatients/patients/${part}`) },
    { route: "/mypatients/validate-token", who: "otherProvider", url: urlPart([other]).map((part) => `/mypatients/validate-token?mrn=${part}&mrn=${part}`) },
    { route: "/mypatients", who: "otherProvider", url: fc.tuple(urlPart(["mrn", "lastName"]), urlPart([other])).map(([name, value]) => `/mypatients?${name}=${value}`) },
    { route: "/mypatients/requests", who: "otherProvider", url: urlPart(["1", "2"]).map((part) => `/mypatients/requests?page=${part}`) },
    { route: "/mypatients/record-unavailable", who: "provider", url: urlPart([mrn]).map((part) => `/mypatients/record-unavailable?mrn=${part}`) },
    { route: "/mypatients/login", who: "otherProvider", url: urlPart(["/mypatients/requests", "//evil.example"]).map((part) => `/mypatients/login?next=${part}`) },
    { route: "/mypatients/login", who: "signed out", url: urlPart(["/mypatients/requests", "//evil.example"]).map((part) => `/mypatients/login?next=${part}`) },
    { route: "/mypatients/register", who: "signed out", url: urlPart(ID_LIKE).map((part) => `/mypatients/register?practiceId=${part}`) },
    { route: "/mypatients/verify-email", who: "signed out", url: urlPart(["abc"]).map((part) => `/mypatients/verify-email?token=${part}&token=${part}`) },
    { route: "/mychildren/requests/[id]", who: "family", url: ids.map((part) => `/mychildren/requests/${part}`) },
    { route: "/mychildren/requests/[id]", who: "otherFamily", url: ids.map((part) => `/mychildren/requests/${part}`) },
    { route: "/mychildren/patients/[mrn]/activity", who: "family", url: fc.tuple(urlPart([mrn]), urlPart(["1764650000000.1", "2.2", "-1", "1e308.1"])).map(([patient, place]) => `/mychildren/patients/${patient}/activity?older=${place}`) },
    { route: "/mychildren/patients/[mrn]/activity", who: "otherFamily", url: urlPart(["1.1", "0.0", "9999999999999.1", "99999"]).map((place) => `/mychildren/patients/${other}/activity?newer=${place}&older=2.2`) },
    { route: "/mychildren/patients/[mrn]/sharing", who: "family", url: urlPart([mrn, other]).map((patient) => `/mychildren/patients/${patient}/sharing`) },
    { route: "/mychildren", who: "otherFamily", url: urlPart().map((part) => `/mychildren?page=${part}`) },
    { route: "/mychildren/login", who: "signed out", url: fc.tuple(urlPart(["/mychildren"]), urlPart(["1"])).map(([next, registered]) => `/mychildren/login?next=${next}&registered=${registered}`) },
    { route: "/mychildren/register", who: "signed out", url: urlPart(["ABCD-EFGH-JKMN-PQRS"]).map((part) => `/mychildren/register?code=${part}`) },
    // The staff console: every view is audited (staff.view), whatever it was asked.
    { route: "/staff/providers", who: "staff", url: urlPart([world.provider.npi, "Input", "%"]).map((part) => `/staff/providers?q=${part}&q=${part}`), allowed: staffViews },
    { route: "/staff/providers/[id]", who: "staff", url: fc.oneof(ids, fc.constant(world.provider.id)).map((part) => `/staff/providers/${part}`), allowed: staffViews },
    { route: "/staff/families", who: "staff", url: fc.tuple(urlPart([world.family.email]), urlPart([mrn])).map(([email, patient]) => `/staff/families?email=${email}&mrn=${patient}`), allowed: staffViews },
    {
      route: "/staff/audit",
      who: "staff",
      // Only enrollments are listed: other events hold hostile text earlier runs sent, which the page rightly shows.
      url: fc.tuple(fc.constantFrom("mrn", "provider", "family", "from", "to", "before"), urlPart([mrn, "2026-01-01", "1"])).map(([name, value]) => `/staff/audit?${name}=${value}&action=practice.enroll`),
      allowed: staffViews,
    },
    { route: "/staff/audit/export", who: "staff", url: fc.tuple(fc.constantFrom("mrn", "from", "to"), urlPart([mrn, "2026-01-01", "1"])).map(([name, value]) => `/staff/audit/export?${name}=${value}&action=practice.enroll`), allowed: staffViews },
    { route: "/staff/login", who: "signed out", url: urlPart(["AccessDenied", "Configuration"]).map((part) => `/staff/login?error=${part}`) },
  ];
  for (const page of pages) {
    const findings = new Findings();
    await watch.outboxIdle();
    const before = await watch.snapshot();
    const headers: Record<string, string> = { "x-forwarded-for": FUZZ_ADDRESS, ...(page.who === "signed out" ? {} : { cookie: world.cookies[page.who] }) };
    await fc.assert(
      fc.asyncProperty(page.url, async (url) => {
        const answer = await fetchPath(request, "GET", url, headers);
        count(`page ${page.route}`);
        const echoes = url.split(/[/?&=]/).map(decoded);
        findings.add(judgeAnswer(answer, origin, echoes), () => `GET ${brief(url)}`);
      }),
      { numRuns: PAGE_RUNS, seed: SEED },
    );
    const label = `${page.route} (${page.who})`;
    expect.soft(findings.list(), `${label}: the page, a redirect within the site, or not found`).toEqual([]);
    expect.soft(await watch.unexpectedChanges(before, page.allowed), `${label}: the database changed only as refused views record`).toEqual([]);
  }
});

// ---------------------------------------------------------------- 4. known cases, each on its own

test(TITLES.examples, async ({ request }) => {
  test.setTimeout(120_000);
  const { prisma } = app;
  const { patient } = world;
  const base = { "x-forwarded-for": FUZZ_ADDRESS };
  const provider = { ...base, cookie: world.cookies.provider };
  const family = { ...base, cookie: world.cookies.family };
  const searchAudit: AllowedChanges = { AuditEvent: (row) => row.action === "patient.search" };
  const recordViews: AllowedChanges = { AuditEvent: (row) => row.action === "record.view" };
  const search = findAction("app/mypatients/patient-actions.ts", "searchAction");
  const requestAccess = findAction("app/mypatients/patient-actions.ts", "requestAccessAction");
  const register = findAction("app/mypatients/register/actions.ts", "register");
  const registerFamily = findAction("app/mychildren/register/actions.ts", "registerFamilyAction");
  const decide = findAction("app/mychildren/family-actions.ts", "decideAction");

  // Set up before any snapshot: a specialist without a request, and an activation code.
  const specialist = await createProvider(app, world.tag, "second-specialist", world.specialtyPracticeId);
  const specialistCookie = await sessionCookieHeader(app, "mypatients", specialist.id);
  const activation = await issueActivationCode({ mrn: patient.mrn, relationship: "GUARDIAN" }, { staff: "hostile-input spec" }, prisma);
  if (!activation.ok) throw new Error(activation.message);
  const joinAddress = `198.18.0.${1 + Math.floor(Math.random() * 254)}`;

  const endpoint = (action: ServerAction) => `action ${action.filename}#${action.exportedName}`;
  const cases: { label: string; endpoint: string; send: () => Promise<Answer>; action?: boolean; allowed?: AllowedChanges }[] = [
    {
      label: "search: a NUL character in the last name",
      endpoint: endpoint(search),
      send: () => callAction(request, search, "/mypatients", [{ ok: false }, form({ mrn: "", lastName: `${patient.lastName}\u0000`, firstName: "", dateOfBirth: patient.dateOfBirth })], provider),
      action: true,
      allowed: searchAudit,
    },
    {
      label: "search: a NUL character in the first name",
      endpoint: endpoint(search),
      send: () => callAction(request, search, "/mypatients", [{ ok: false }, form({ mrn: "", lastName: patient.lastName, firstName: "\u0000", dateOfBirth: patient.dateOfBirth })], provider),
      action: true,
      allowed: searchAudit,
    },
    {
      label: "search: date of birth 0000-01-01 (a date PostgreSQL cannot store)",
      endpoint: endpoint(search),
      send: () => callAction(request, search, "/mypatients", [{ ok: false }, form({ mrn: "", lastName: patient.lastName, firstName: "", dateOfBirth: "0000-01-01" })], provider),
      action: true,
      allowed: searchAudit,
    },
    {
      label: "search: a plain object instead of the form data",
      endpoint: endpoint(search),
      send: () => callAction(request, search, "/mypatients", [{ ok: false }, { mrn: patient.mrn }], provider),
      action: true,
    },
    {
      label: "search: the form data alone, without the previous state",
      endpoint: endpoint(search),
      send: () => callAction(request, search, "/mypatients", [form({ mrn: patient.mrn })], provider),
      action: true,
    },
    {
      label: "Request Non-PCP access: a NUL character in the reason",
      endpoint: endpoint(requestAccess),
      send: () => callAction(request, requestAccess, "/mypatients", [{ ok: false }, form({ mrn: patient.mrn, reason: "Murmur\u0000" })], { ...base, cookie: specialistCookie }),
      action: true,
    },
    {
      label: "registration: a NUL character in the full name (everything else valid)",
      endpoint: endpoint(register),
      send: () =>
        callAction(request, register, "/mypatients/register", [{ ok: false }, form({ fullName: "Dr. Nul\u0000", email: `nul-${world.tag}@hostile.example`, npi: uniqueNpi(), practiceId: world.specialtyPracticeId, password: PASSWORD })], base),
      action: true,
    },
    {
      // Not a refusal: it must still say what it found, as every answer of a form does.
      label: "registration: \"Search\" (the practice search without JavaScript) finding enrolled practices says so",
      endpoint: endpoint(register),
      send: () => callAction(request, register, "/mypatients/register", [{ ok: false }, form({ intent: "findPractice", practiceQuery: "Hostile" })], base),
      action: true,
    },
    {
      label: "joining MyChildren's: a NUL character in the full name, with a valid activation code",
      endpoint: endpoint(registerFamily),
      send: () =>
        callAction(request, registerFamily, "/mychildren/register", [{ ok: false }, form({ code: activation.code, fullName: "Nul\u0000 Parent", email: `nul-parent-${world.tag}@hostile.example`, password: PASSWORD })], {
          "x-forwarded-for": joinAddress,
        }),
      action: true,
      allowed: { FailedAttempt: (row) => row.kind === "ACTIVATION_CODE" },
    },
    {
      label: "deny: a NUL character in the reason, on a pending request",
      endpoint: endpoint(decide),
      send: () => callAction(request, decide, `/mychildren/requests/${world.pendingRequestId}`, [{ ok: false }, form({ decision: "deny", requestId: world.pendingRequestId, reason: "No\u0000" })], family),
      action: true,
    },
    { label: "record page: a malformed percent-encoding in the MRN", endpoint: "page /mypatients/patients/[mrn]", send: () => fetchPath(request, "GET", "/mypatients/patients/%ZZ", provider), allowed: recordViews },
    { label: "record page: a NUL character after the MRN", endpoint: "page /mypatients/patients/[mrn]", send: () => fetchPath(request, "GET", `/mypatients/patients/${patient.mrn}%00`, provider), allowed: recordViews },
    { label: "access request page: 36 dashes as the id", endpoint: "page /mychildren/requests/[id]", send: () => fetchPath(request, "GET", `/mychildren/requests/${"-".repeat(36)}`, family) },
    { label: "access request page: 36 hex digits as the id", endpoint: "page /mychildren/requests/[id]", send: () => fetchPath(request, "GET", `/mychildren/requests/${"0".repeat(36)}`, family) },
    { label: "access request page: a malformed percent-encoding as the id", endpoint: "page /mychildren/requests/[id]", send: () => fetchPath(request, "GET", "/mychildren/requests/%ZZ", family) },
    { label: "activity page: a malformed percent-encoding as the MRN", endpoint: "page /mychildren/patients/[mrn]/activity", send: () => fetchPath(request, "GET", "/mychildren/patients/%ZZ/activity", family) },
    {
      label: "search: a garbage multipart body",
      endpoint: endpoint(search),
      send: () => postRaw(request, "/mypatients", search.id, Buffer.from("--x\r\ngarbage"), "multipart/form-data; boundary=x", provider),
    },
  ];
  for (const example of cases) {
    await watch.outboxIdle();
    const before = await watch.snapshot();
    const answer = await example.send();
    count(example.endpoint);
    const problems = example.action ? judgeActionAnswer(answer, origin, []) : judgeAnswer(answer, origin);
    expect.soft(problems, example.label).toEqual([]);
    expect.soft(await watch.unexpectedChanges(before, example.allowed), `${example.label}: changes nothing`).toEqual([]);
  }

  // A body over the limit sent in chunks, with no Content-Length to refuse it by (Next.js answers 500 past 1 MB).
  const chunk = Buffer.from("x".repeat(64 * 1024));
  const chunks = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(Buffer.from('[{"ok":false},"'));
      for (let i = 0; i < 32; i++) controller.enqueue(chunk);
      controller.enqueue(Buffer.from('"]'));
      controller.close();
    },
  });
  const chunked = await fetch(new URL("/mypatients", origin), {
    method: "POST",
    headers: { ...provider, "next-action": search.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
    body: chunks,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  count(endpoint(search));
  expect.soft(chunked.status, "search: a 2 MB body sent in chunks, without a length").toBe(413);
  expect(await prisma.accessRequest.findUniqueOrThrow({ where: { id: world.pendingRequestId }, select: { status: true } })).toEqual({ status: "PENDING" });
});

// ---------------------------------------------------------------- 5. guessing is bounded by the lockouts

test(TITLES.tokens, async ({ request }) => {
  test.setTimeout(60_000);
  const { prisma } = app;
  const action = findAction("app/mypatients/validate-token/actions.ts", "validateTokenAction");
  const token = fc.sample(wellFormedToken, { numRuns: 1, seed: SEED })[0]!;
  const guesses = fc.sample(wellFormedToken.filter((guess) => normalizeToken(guess) !== normalizeToken(token)), { numRuns: 30, seed: SEED + 1 });

  const guesser = await createProvider(app, world.tag, "token-guesser", world.specialtyPracticeId);
  const cookie = await sessionCookieHeader(app, "mypatients", guesser.id);
  const invitation = await prisma.invitationToken.create({
    data: { patientId: world.patient.id, tokenHash: hashToken(normalizeToken(token)!), providerEmail: guesser.email, issuedById: world.family.id, expiresAt: addMonths(new Date(), 6) },
    select: { id: true },
  });
  const guess = async (value: string, session = cookie) => {
    count("action app/mypatients/validate-token/actions.ts#validateTokenAction");
    return messageOf(await callAction(request, action, "/mypatients/validate-token", [{ ok: false }, form({ token: value, mrn: world.patient.mrn })], { cookie: session }));
  };

  for (const [index, value] of guesses.slice(0, 5).entries()) expect(await guess(value), `wrong guess ${index + 1}`).toBe(TOKEN_INVALID);
  for (const [index, value] of guesses.slice(5, 10).entries()) expect(await guess(value), `wrong guess ${index + 6}`).toBe(TOO_MANY_ATTEMPTS);
  expect(await guess(token), "the right token, while locked").toBe(TOO_MANY_ATTEMPTS);
  expect(await prisma.invitationToken.findUniqueOrThrow({ where: { id: invitation.id }, select: { usedAt: true } })).toEqual({ usedAt: null });
  expect(await prisma.accessGrant.count({ where: { providerId: guesser.id } })).toBe(0);

  // A burst of parallel guesses by another provider gets no more than five answers.
  const burster = await createProvider(app, world.tag, "token-burster", world.specialtyPracticeId);
  const burstCookie = await sessionCookieHeader(app, "mypatients", burster.id);
  const answers = await Promise.all(guesses.slice(10, 30).map((value) => guess(value, burstCookie)));
  expect(answers.filter((message) => message === TOKEN_INVALID).length, "answered guesses in a burst of 20").toBeLessThanOrEqual(5);
  expect(answers.filter((message) => message !== TOKEN_INVALID && message !== TOO_MANY_ATTEMPTS), "every other guess is refused as too many").toEqual([]);
});

test(TITLES.activation, async ({ request }) => {
  test.setTimeout(60_000);
  const { prisma } = app;
  const action = findAction("app/mychildren/register/actions.ts", "registerFamilyAction");
  const issued = await issueActivationCode({ mrn: world.patient.mrn, relationship: "GUARDIAN" }, { staff: "hostile-input spec" }, prisma);
  if (!issued.ok) throw new Error(issued.message);
  const guesses = fc.sample(wellFormedToken.filter((guess) => normalizeToken(guess) !== normalizeToken(issued.code)), { numRuns: 14, seed: SEED + 2 });
  const address = `198.51.100.${1 + Math.floor(Math.random() * 200)}`;
  const email = `joining-${world.tag}@hostile.example`;
  const attempt = async (code: string, from = address) => {
    count("action app/mychildren/register/actions.ts#registerFamilyAction");
    const answer = await callAction(request, action, "/mychildren/register", [{ ok: false }, form({ code, fullName: "Joining Parent", email, password: PASSWORD })], { "x-forwarded-for": from });
    expect(answer.headers["x-action-redirect"], "no account is created").toBeUndefined();
    return messageOf(answer);
  };

  for (const [index, code] of guesses.slice(0, 10).entries()) expect(await attempt(code), `wrong code ${index + 1}`).toBe(INVALID_ACTIVATION_CODE);
  for (const [index, code] of guesses.slice(10, 13).entries()) expect(await attempt(code), `wrong code ${index + 11}`).toBe(TOO_MANY_ATTEMPTS);
  expect(await attempt(issued.code), "the right code, while locked").toBe(TOO_MANY_ATTEMPTS);
  expect(await prisma.familyAccount.count({ where: { email } })).toBe(0);
  expect(await prisma.activationCode.findFirstOrThrow({ where: { codeHash: hashToken(normalizeToken(issued.code)!) }, select: { usedAt: true } })).toEqual({ usedAt: null });

  // The lock is per address, and the address is the first X-Forwarded-For entry: a client that
  // reaches the app without a proxy overwriting that header chooses its own address.
  const elsewhere = `198.51.100.${201 + Math.floor(Math.random() * 50)}`;
  const answeredElsewhere = (await attempt(guesses[13]!, elsewhere)) === INVALID_ACTIVATION_CODE;
  test.info().annotations.push({
    type: "note",
    description: answeredElsewhere
      ? "The activation-code lockout counts per X-Forwarded-For address: a guess sent with another X-Forwarded-For value is answered again. Only a proxy that overwrites the header bounds guessing per client."
      : "A guess sent with another X-Forwarded-For value was refused too.",
  });
});

test(TITLES.signIn, async ({ request }) => {
  test.setTimeout(90_000);
  const { prisma } = app;
  const wrongPasswords = fc.sample(
    hostileText(["wrong password, try again"]).filter((value) => value !== PASSWORD && value.length > 0 && Array.from(value).length <= 256),
    { numRuns: 10, seed: SEED + 3 },
  );
  for (const portal of ["mypatients", "mychildren"] as const) {
    const account = portal === "mypatients" ? await createProvider(app, world.tag, "locked-provider", world.specialtyPracticeId) : await createFamilyAccount(app, world.tag, "locked-parent");
    const action = findAction(`app/${portal}/login/actions.ts`, "signIn");
    const signIn = async (email: string, password: string) => {
      count(`action ${action.filename}#signIn`);
      return callAction(request, action, `/${portal}/login`, [{ ok: false }, form({ email, password })], { "x-forwarded-for": FUZZ_ADDRESS });
    };
    for (const [index, password] of wrongPasswords.entries()) {
      const answer = await signIn(account.email, password);
      expect(messageOf(answer), `${portal}: wrong password ${index + 1} (${brief(password)})`).toBe(SIGN_IN_REFUSED);
    }
    const right = await signIn(account.email, PASSWORD);
    expect(messageOf(right), `${portal}: the right password after ten failures`).toBe(SIGN_IN_REFUSED);
    expect(right.headers["x-action-redirect"], `${portal}: no way in`).toBeUndefined();
    expect(right.headers["set-cookie"] ?? "", `${portal}: no session cookie`).not.toMatch(new RegExp(`${portal}\\.session=[^;]+`));
    const sessions = portal === "mypatients" ? await prisma.session.count({ where: { providerId: account.id } }) : await prisma.session.count({ where: { accountId: account.id } });
    expect(sessions, `${portal}: no session was opened`).toBe(0);
    expect(messageOf(await signIn(`nobody-${world.tag}@hostile.example`, PASSWORD)), `${portal}: an unknown email gets the same answer`).toBe(SIGN_IN_REFUSED);
  }
});

// ---------------------------------------------------------------- 6. open redirects

/** Return paths that try to leave the site or the portal. */
const HOSTILE_RETURN_PATHS = [
  "//evil.example",
  "//evil.example/mypatients",
  "///evil.example",
  "////evil.example",
  "https://evil.example",
  "http://evil.example/mychildren",
  "https:evil.example",
  "https:/evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "%2F%2Fevil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/ /evil.example",
  " //evil.example",
  "\n//evil.example",
  "\u0000//evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "/mychildren",
  "/mychildren/x",
  "/mypatients",
  "/mypatients/x",
  "/mypatients/../mychildren",
  "/mychildren/../mypatients/requests",
  "/mypatients/%2e%2e/mychildren",
  "/mypatients/..%2f..%2fmychildren",
  "/mypatients@evil.example",
  "@evil.example",
  "evil.example",
  "/mypatients/login",
  "/mychildren/login?next=//evil.example",
  "/mypatients?next=//evil.example",
  "/api/health",
  "http://localhost/mypatients",
];

test(TITLES.redirects, async ({ request, playwright }) => {
  test.setTimeout(150_000);
  const generated = fc.sample(
    fc
      .oneof(fc.webUrl(), hostileText(["/mypatients", "/mychildren"]).map((value) => `/${value}`), hostileText(["evil.example"]).map((value) => `//${value}`))
      // Longer return paths are refused whole (and their URLs exceed what the server reads).
      .filter((value) => value.length <= 1_000),
    { numRuns: 12, seed: SEED + 4 },
  );
  const returnPaths = [...HOSTILE_RETURN_PATHS, ...generated];
  const inPortal = (target: string, home: string) => {
    if (!staysOnSite(target, origin)) return false;
    const { pathname } = new URL(target, origin);
    return pathname === home || pathname.startsWith(`${home}/`);
  };

  for (const portal of ["mypatients", "mychildren"] as const) {
    const home = `/${portal}`;
    const account = portal === "mypatients" ? await createProvider(app, world.tag, "returning-provider", world.specialtyPracticeId) : await createFamilyAccount(app, world.tag, "returning-parent");
    const action = findAction(`app/${portal}/login/actions.ts`, "signIn");
    const browser = await playwright.request.newContext({ baseURL: origin });
    try {
      for (const next of returnPaths) {
        const query = `${home}/login?next=${percentEncode(next)}`;
        // The sign-in page carries only a safe return path in its form.
        const page = await fetchPath(request, "GET", query, {});
        count(`page ${home}/login`);
        expect.soft(page.status, `${portal}: the sign-in page for ${brief(next)}`).toBe(200);
        const hidden = /<input[^>]*name="next"[^>]*value="([^"]*)"/.exec(page.body.toString("utf8"))?.[1];
        const carried = hidden?.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        // Exactly the path the server deems safe, or none: never what was sent, unchecked.
        const safe = safeReturnPath(portal, next);
        expect.soft(carried ?? null, `${portal}: the form carries ${brief(carried ?? "nothing")} for ${brief(next)}`).toBe(safe);
        if (safe !== null) expect.soft(inPortal(safe, home), `${portal}: ${brief(safe)} stays in the portal`).toBe(true);

        // Signing in with the return path as sent (a crafted form, not the page's) stays in the portal.
        const answer = await callAction(browser, action, `${home}/login`, [{ ok: false }, form({ email: account.email, password: PASSWORD, next })], {});
        count(`action ${action.filename}#signIn`);
        const read = readActionAnswer(answer);
        expect.soft(read.kind, `${portal}: signing in with ${brief(next)} redirects`).toBe("redirect");
        const to = read.kind === "redirect" ? read.to : "";
        expect.soft(inPortal(to, home), `${portal}: after signing in with ${brief(next)} the user goes to ${brief(to)}`).toBe(true);

        // Once signed in, the sign-in page sends the user on, within the portal.
        const again = await fetchPath(browser, "GET", query, {});
        count(`page ${home}/login`);
        expect.soft(again.status, `${portal}: the sign-in page, signed in, for ${brief(next)}`).toBeGreaterThanOrEqual(300);
        expect.soft(again.status).toBeLessThan(400);
        expect.soft(inPortal(again.headers.location ?? "", home), `${portal}: signed in, ${brief(next)} leads to ${brief(again.headers.location)}`).toBe(true);
      }
    } finally {
      await browser.dispose();
    }
  }
});
