import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/app/_components/password-forms";
import { sendResetLink } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("forgotPassword");
  return { title: t("title") };
}

/** "Reset your password" (SPEC §4, §5): the same answer whether or not the email has an account. */
export default async function MyChildrensForgotPassword() {
  const t = await getTranslations("forgotPassword");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <ForgotPasswordForm portal="mychildren" action={sendResetLink} text={{ email: t("email"), submit: t("submit") }} />
      <p className="mt-8 border-t border-slate-200 pt-4">
        <Link href="/mychildren/login" className="font-medium text-brand-700 underline underline-offset-4">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
