"use client";
// What a MyChildren's page shows when it fails, in the family's language: a plain explanation,
// never the error itself. The server logs it; the digest ties the two together.
import { useTranslations } from "next-intl";

export default function MyChildrenError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("error");
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body")}</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-600">{t("reference", { digest: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-family-600 px-4 py-2 font-semibold text-white hover:bg-family-700">
        {t("tryAgain")}
      </button>
    </div>
  );
}
