import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/app/_components/sign-in-form";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { returnPathOrHome, safeReturnPath } from "@/lib/auth/return-path";
import { signIn } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function MyChildrenSignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next, registered } = await searchParams;
  if (await getFamilyAccount()) redirect(returnPathOrHome("mychildren", next));
  const t = await getTranslations("signIn");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      {registered ? <p className="mt-4 rounded-md border-l-4 border-green-700 bg-green-50 px-4 py-3 text-green-900">{t("registered")}</p> : null}
      <SignInForm portal="mychildren" action={signIn} next={safeReturnPath("mychildren", next)} text={{ email: t("email"), password: t("password"), submit: t("submit") }} />
      <p className="mt-4">
        <Link href="/mychildren/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
          {t("forgot")}
        </Link>
      </p>
      <p className="mt-6 text-sm">
        {t("haveCode")}{" "}
        <Link href="/mychildren/register" className="font-medium text-family-700 underline">
          {t("join")}
        </Link>
      </p>
    </div>
  );
}
