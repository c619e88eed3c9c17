import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/scripts/lib/seed/demo";
import { LOCAL_IDP_CLIENT_ID, startLocalIdentityProvider, type LocalIdentityProvider } from "../../scripts/lib/local-identity-provider.ts";

// The local OpenID Connect provider of the demo and the tests (decision 009): what the app's
// next-auth client relies on, spoken to over HTTP as a browser and the app would.
describe("the local identity provider", () => {
  const appUrl = "http://localhost:39999";
  const redirectUri = `${appUrl}/api/auth/staff/callback/hospital`;
  let idp: LocalIdentityProvider;

  beforeAll(async () => {
    idp = await startLocalIdentityProvider({ appUrl });
  });
  afterAll(async () => {
    await idp?.stop();
  });

  /** A browser: follows nothing by itself, keeps the provider's cookies. */
  function browser() {
    const jar = new Map<string, string>();
    return async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") } });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(";");
        const [name, value] = pair!.split("=");
        jar.set(name!, value ?? "");
      }
      return response;
    };
  }

  /** Starts an authorization code flow with PKCE and signs in at the login form; returns where the provider sent the browser. */
  async function signIn(email: string, password: string): Promise<{ location: string; verifier: string; body: string }> {
    const go = browser();
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const query = new URLSearchParams({ client_id: LOCAL_IDP_CLIENT_ID, response_type: "code", scope: "openid email profile", redirect_uri: redirectUri, state: "s", nonce: "n", code_challenge: challenge, code_challenge_method: "S256" });
    let response = await go(`${idp.issuer}/auth?${query}`);
    expect(response.status).toBe(303);
    const interaction = new URL(response.headers.get("location")!, idp.issuer).toString();
    response = await go(interaction);
    const form = await response.text();
    expect(form).toContain("Hospital sign-in");
    response = await go(`${interaction}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email, password }).toString() });
    if (response.status !== 303) return { location: "", verifier, body: await response.text() };
    response = await go(new URL(response.headers.get("location")!, idp.issuer).toString());
    return { location: response.headers.get("location") ?? "", verifier, body: await response.text() };
  }

  it("publishes discovery with RP-initiated logout, for 127.0.0.1 only", async () => {
    expect(new URL(idp.issuer).hostname).toBe("127.0.0.1");
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: idp.issuer, end_session_endpoint: `${idp.issuer}/session/end` });
    expect(idp.env).toEqual({ STAFF_OIDC_ISSUER: idp.issuer, STAFF_OIDC_CLIENT_ID: LOCAL_IDP_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET: expect.any(String) });
  });

  it("signs in an address at hospital.example with the demo password, and its ID token carries the verified email", async () => {
    const { location, verifier } = await signIn("Staff@Hospital.example", DEMO_PASSWORD);
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    const code = back.searchParams.get("code")!;
    const token = await fetch(`${idp.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${LOCAL_IDP_CLIENT_ID}:${idp.env.STAFF_OIDC_CLIENT_SECRET}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
    });
    expect(token.status).toBe(200);
    const { id_token: idToken } = (await token.json()) as { id_token: string };
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: idp.issuer, aud: LOCAL_IDP_CLIENT_ID, email: "staff@hospital.example", email_verified: true, name: "Grace Kim", nonce: "n" });
  });

  it("refuses a wrong password and an address outside hospital.example", async () => {
    for (const [email, password] of [["staff@hospital.example", "not the password"], ["someone@elsewhere.example", DEMO_PASSWORD]] as const) {
      const { location, body } = await signIn(email, password);
      expect(location).toBe("");
      expect(body).toContain("That email and password did not work.");
    }
  });

  it("stops: its port no longer answers", async () => {
    const other = await startLocalIdentityProvider({ appUrl });
    await other.stop();
    await expect(fetch(`${other.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
