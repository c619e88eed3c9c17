"use server";
import { redirect } from "next/navigation";
import { staffSignOut } from "@/lib/auth/next-auth";

/**
 * The header's "Sign out": the console session ends on the server at once; then, where the
 * hospital's identity provider supports it, its own session too (RP-initiated logout).
 */
export async function signOut(): Promise<void> {
  redirect(await staffSignOut());
}
