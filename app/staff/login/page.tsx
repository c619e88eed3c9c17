import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getStaff } from "@/lib/auth/current-user";
import { returnPathOrHome, safeReturnPath } from "@/lib/auth/return-path";
import { NOT_STAFF } from "@/lib/auth/staff-sign-in";
import { signIn } from "./actions";
import { StaffSignInButton } from "./sign-in-button";

export const metadata: Metadata = { title: "Hospital staff sign-in" };

/** What went wrong at the identity provider, as next-auth reports it (`?error=`). */
function problem(error: unknown): string | null {
  if (typeof error !== "string" || error === "") return null;
  if (error === "AccessDenied") return NOT_STAFF;
  return "Sign-in did not complete. Try again; if it keeps failing, the hospital's identity provider may be unavailable.";
}

/** SPEC §5b: "Hospital staff sign-in", through the hospital's identity provider (OpenID Connect). */
export default async function StaffSignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error, next } = await searchParams;
  if (await getStaff()) redirect(returnPathOrHome("staff", next));
  const message = problem(error);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Hospital staff sign-in</h1>
      <p className="mt-2 text-slate-700">For hospital staff listed in the staff console. You sign in with your hospital account.</p>
      {message ? (
        <p role="alert" className="mt-4 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-900">
          {message}
        </p>
      ) : null}
      <StaffSignInButton action={signIn} next={safeReturnPath("staff", next)} />
    </div>
  );
}
