"use client";
// "English" / "Español" (SPEC §9) on every MyChildren's page, and in Account: a form of two
// buttons posting to the switcher's action, so it works with the keyboard and without JavaScript.
// It returns to this very page (path and query).
import { usePathname, useSearchParams } from "next/navigation";
import { useActionState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { LANGUAGE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import { switchLanguage } from "./language-actions";

const TONES = {
  header: {
    button: "rounded px-2 py-0.5 font-medium text-white underline-offset-4 hover:underline focus-visible:outline-white aria-pressed:bg-white aria-pressed:text-family-800 aria-pressed:hover:no-underline",
    status: "text-white",
  },
  page: {
    button: "rounded-md border border-family-700 px-4 py-2 font-semibold text-family-800 hover:bg-family-50 aria-pressed:bg-family-700 aria-pressed:text-white",
    status: "text-red-800",
  },
} as const;

/**
 * `current` is the page's language and `label` the form's name in it ("Language"), or the form is
 * named by `labelledBy`. Both come from the server: the header needs no catalog in the browser.
 */
export function LanguageSwitcher({ current, label, labelledBy, tone = "header" }: { current: Locale; label?: string; labelledBy?: string; tone?: keyof typeof TONES }) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const [state, action] = useActionState<FormState<"language" | "returnTo">, FormData>(switchLanguage, EMPTY_FORM_STATE);
  const { button, status } = TONES[tone];
  return (
    <form action={action} aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="returnTo" value={query ? `${pathname}?${query}` : pathname} />
      {LOCALES.map((language) => (
        <button
          key={language}
          type="submit"
          name="language"
          value={language}
          lang={language}
          aria-pressed={current === language}
          className={button}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
      {/* A live region without the status role: a page's own status stays the one "status" on it. */}
      <div aria-live="polite" className={status}>
        {state.message ? <p>{state.message}</p> : null}
      </div>
    </form>
  );
}
