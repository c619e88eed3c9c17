import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/app/_components/password-forms";
import { inspectPasswordReset, RESET_PROBLEMS } from "@/lib/auth/password-reset";
import { db } from "@/lib/db";
import { messageInRequestLanguage } from "@/lib/i18n/family-language";
import { setNewPassword } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("resetPassword");
  return { title: t("title") };
}

/** Where the reset email's link leads (`?token=`). Opening it changes nothing; the form spends it. */
export default async function MyChildrensResetPassword({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const state = await inspectPasswordReset(db(), "mychildren", token);
  const t = await getTranslations("resetPassword");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      {state === "valid" && typeof token === "string" ? (
        <>
          <p className="mt-2 text-slate-700">{t("intro")}</p>
          <ResetPasswordForm portal="mychildren" token={token} action={setNewPassword} text={{ newPassword: t("newPassword"), hint: t("hint"), submit: t("submit"), signIn: t("signIn") }} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-6 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-900">
            {await messageInRequestLanguage(RESET_PROBLEMS[state === "valid" ? "unknown" : state])}
          </p>
          <p className="mt-4">
            <Link href="/mychildren/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
              {t("askNew")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
