import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body")}</p>
      <p className="mt-3">
        <Link href="/mychildren" className="font-medium text-family-700 underline">
          {t("home")}
        </Link>
      </p>
    </>
  );
}
