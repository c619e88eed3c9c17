// proxy.ts's first gate in front of /mypatients/patients/[mrn]: the session and the same access
// rule as the data layer, checked before the page runs. The page's read applies the access rule
// again on its own, so a fault in one of them still shows nothing; the session it takes from the
// gate's signed verdict (lib/auth/gate-verdict.ts, decision 021).
import { viewableByProviderSql } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import { validateProviderSessionWith, type ProviderPrincipal } from "@/lib/auth/session-store";
import { db } from "@/lib/db";
import type { RequestMetadata } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isMrn } from "@/lib/patients/mrn";

const RECORD_PATH = /^\/mypatients\/patients\/([^/]+)\/?$/;

/** The MRN of a record page's path, or null for any other path. */
export function recordPathMrn(pathname: string): string | null {
  const match = RECORD_PATH.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!; // malformed percent-encoding: not an MRN, so "not found"
  }
}

/**
 * Whether the session whose cookie holds `sessionSecret` may open the record of `mrn`: the session
 * check and the access rule in one statement, past Prisma (decisions 015, 017). The signed-in
 * provider when they may, which the gate hands to the page (lib/auth/gate-verdict.ts); false when
 * they may not, a refusal audited here, since the page will not run.
 */
export async function mayOpenRecord(sessionSecret: string, mrn: string, request: RequestMetadata, now = new Date(), prisma: PrismaClient = db()): Promise<ProviderPrincipal | false | "signed-out"> {
  const { principal, also: viewable } = await validateProviderSessionWith(prisma, sessionSecret, now, (values, provider) =>
    isMrn(mrn) ? `EXISTS (SELECT 1 FROM "Patient" pt WHERE pt.mrn = ${values.add(mrn)} AND ${viewableByProviderSql(values, "pt", provider, now)})` : "false",
  );
  if (!principal) return "signed-out";
  if (!viewable) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, { actor: { type: "PROVIDER", id: principal.providerId }, action: "record.view", outcome: "DENIED", details: { mrn: mrn.slice(0, 20), gate: "proxy" }, request }),
    );
  }
  return viewable && principal;
}
