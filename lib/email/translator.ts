// The words of emails in each language (SPEC §9): the "emails" part of the catalogs in messages/,
// read with next-intl's translator outside React. Emails to families are rendered in the family
// account's language; emails to providers and staff in English.
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };

// Typed as the English catalog: a Spanish catalog that lacks an email key does not compile.
const CATALOGS: Record<Locale, typeof en> = { en, es };

function translatorFor(locale: Locale) {
  return createTranslator({
    locale,
    messages: CATALOGS[locale],
    namespace: "emails",
    // A missing key or a broken message fails the render (the sender then marks the email failed
    // and logs it) rather than sending a parent the key's name.
    onError: (error) => {
      throw error;
    },
  });
}

export type EmailTranslator = ReturnType<typeof translatorFor>;

const translators = new Map<Locale, EmailTranslator>();

/** The translator of the "emails" messages in `locale`. */
export function emailTranslator(locale: Locale): EmailTranslator {
  let translator = translators.get(locale);
  if (!translator) {
    translator = translatorFor(locale);
    translators.set(locale, translator);
  }
  return translator;
}
