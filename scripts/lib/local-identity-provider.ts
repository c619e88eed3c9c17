// A local OpenID Connect identity provider (the `oidc-provider` package) for the demo and the
// tests, so the staff console's single sign-on works with no outside service. It stands in for the
// hospital's own (Entra ID, Okta, …): the app talks to it through the same three settings
// (STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET) and the same code.
//
// Who it knows: any address at hospital.example, with the demo password. It only says who the
// person is; whether they get into the console is the app's staff table's decision. It listens on
// 127.0.0.1 only, on a free port, and keeps everything in memory.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { DEMO_PASSWORD } from "./seed/demo.ts";

export const LOCAL_IDP_CLIENT_ID = "staff-console";
/** The domain whose addresses the local identity provider signs in. */
export const LOCAL_IDP_DOMAIN = "hospital.example";

export interface LocalIdentityProvider {
  issuer: string;
  /** The app's settings for it: STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET. */
  env: { STAFF_OIDC_ISSUER: string; STAFF_OIDC_CLIENT_ID: string; STAFF_OIDC_CLIENT_SECRET: string };
  stop(): Promise<void>;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#111}label{display:block;margin-top:1rem;font-weight:600}input{display:block;width:100%;padding:.5rem;margin-top:.25rem;font-size:1rem;border:1px solid #555;border-radius:.25rem}button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#1e293b;color:#fff;border:0;border-radius:.25rem}button:focus,input:focus{outline:3px solid #1d4ed8;outline-offset:2px}.error{border-left:4px solid #b91c1c;background:#fef2f2;padding:.75rem;color:#7f1d1d}.note{color:#374151}</style>
</head><body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, email: string, error: string | null): string {
  return page(
    "Hospital sign-in",
    `<h1>Hospital sign-in</h1>
<p class="note">Local identity provider for the demo and the tests. It signs in any address at ${LOCAL_IDP_DOMAIN} with the demo password.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(html);
}

/** Display names of the demo identities; anyone else at the domain is named by their address. */
const NAMES: Record<string, string> = { "staff@hospital.example": "Grace Kim" };

/**
 * Starts the identity provider for an app served at `appUrl` (its redirect and sign-out addresses
 * are registered for that origin) on a free port of 127.0.0.1, or `port` when given.
 */
export async function startLocalIdentityProvider(options: { appUrl: string; port?: number }): Promise<LocalIdentityProvider> {
  const appUrl = options.appUrl.replace(/\/$/, "");
  const clientSecret = randomBytes(24).toString("base64url");
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_IDP_CLIENT_ID,
        client_secret: clientSecret,
        client_name: "Staff console",
        redirect_uris: [`${appUrl}/api/auth/staff/callback/hospital`],
        post_logout_redirect_uris: [`${appUrl}/staff/login`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    async findAccount(_context, sub) {
      return { accountId: sub, claims: async () => ({ sub, email: sub, email_verified: true, name: NAMES[sub] ?? sub }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    // The console is the hospital's own application: no consent screen.
    async loadExistingGrant(context: KoaContextWithOIDC) {
      const { oidc } = context;
      const clientId = oidc.client!.clientId;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(context, form) {
          context.body = page(
            "Sign out of the hospital account",
            `<h1>Sign out of your hospital account?</h1><p class="note">You have signed out of the staff console.</p>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
          );
        },
        async postLogoutSuccessSource(context) {
          context.body = page("Signed out", "<h1>Signed out</h1><p>You have signed out of your hospital account.</p>");
        },
      },
    },
    pkce: { required: () => true },
    ttl: { Interaction: 60 * 60, Session: 12 * 60 * 60, Grant: 12 * 60 * 60, AccessToken: 10 * 60, IdToken: 10 * 60, AuthorizationCode: 60 },
    // The ID token carries the email, as the hospital's identity providers put it there.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [signingKey as Record<string, string>] },
    async renderError(context, out) {
      context.type = "html";
      context.body = page("Sign-in error", `<h1>Sign-in error</h1><p>${escapeHtml(String(out.error_description ?? out.error ?? "Something went wrong."))}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const path = new URL(request.url ?? "/", issuer).pathname;
      const login = /^\/interaction\/([\w-]+)\/login$/.exec(path);
      const interaction = /^\/interaction\/([\w-]+)$/.exec(path);
      if (interaction && request.method === "GET") {
        const details = await provider.interactionDetails(request, response);
        send(response, 200, loginPage(details.uid, "", null));
        return;
      }
      if (login && request.method === "POST") {
        const details = await provider.interactionDetails(request, response);
        const form = await readForm(request);
        const email = (form.get("email") ?? "").trim().toLowerCase();
        const known = /^[^\s@]+@/.test(email) && email.endsWith(`@${LOCAL_IDP_DOMAIN}`);
        if (!known || form.get("password") !== DEMO_PASSWORD) {
          send(response, 200, loginPage(details.uid, email, "That email and password did not work."));
          return;
        }
        await provider.interactionFinished(request, response, { login: { accountId: email } }, { mergeWithLastSubmission: false });
        return;
      }
      callback(request, response);
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 400, page("Sign-in error", `<h1>Sign-in error</h1><p>${escapeHtml(error instanceof Error ? error.message : "Something went wrong.")}</p>`));
    });
  });

  return {
    issuer,
    env: { STAFF_OIDC_ISSUER: issuer, STAFF_OIDC_CLIENT_ID: LOCAL_IDP_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET: clientSecret },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
