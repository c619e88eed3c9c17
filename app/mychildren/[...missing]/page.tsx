import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireFamilyAccount } from "@/lib/auth/current-user";

// Any MyChildren's address that names no page ("/mychildren/nope", "/mychildren/patients"): the
// portal's own "not found" (not-found.tsx), in the family's language with the portal's header,
// rather than Next.js' English one. It has the lowest priority of all routes, so it answers only
// where no other page matches. Like every page that is not public, it is for signed-in families:
// anyone else is sent to sign in first (proxy.ts, and here when the session has ended), so which
// addresses exist is not told to someone who has not signed in.

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return { title: t("title") };
}

export default async function MissingPage(): Promise<never> {
  await requireFamilyAccount();
  notFound();
}
