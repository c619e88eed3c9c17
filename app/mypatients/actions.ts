"use server";
import { signOutFromPortal } from "@/lib/auth/portal-actions";

/** The header's "Sign out": the session ends on the server at once. */
export async function signOut(): Promise<void> {
  await signOutFromPortal("mypatients");
}
