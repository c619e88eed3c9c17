import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FamilyRegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("register");
  return { title: t("title") };
}

export default async function FamilyRegisterPage() {
  const t = await getTranslations("register");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 max-w-2xl text-slate-700">{t("intro")}</p>
      <FamilyRegisterForm />
      <p className="mt-6 text-sm">
        {t("already")}{" "}
        <Link href="/mychildren/login" className="font-medium text-family-700 underline">
          {t("signIn")}
        </Link>
      </p>
    </>
  );
}
