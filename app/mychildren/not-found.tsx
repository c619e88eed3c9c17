"use client";
// MyChildren's "not found", in the page's language. A client component with its words from the
// layout's provider: it is ready with the layout, so a page that does not exist and one the
// family may not see are answered identically.
import Link from "next/link";
import { useTranslations } from "next-intl";

export default function NotFound() {
  const t = useTranslations("notFound");
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
