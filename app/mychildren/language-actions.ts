"use server";
// The language switcher ("English" / "Español") of every MyChildren's page, and Account's language
// choice: open to anyone, signed in or not. It keeps the choice in this browser and, for a signed-in
// account, on the account (audited); then it returns to the page it was on, when that is a
// MyChildren's page, else to MyChildren's home.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { PORTALS } from "@/lib/auth/portals";
import { portalPagePath } from "@/lib/auth/return-path";
import { setAccountLanguage } from "@/lib/family/language";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { rememberLocale } from "@/lib/i18n/family-language";
import { languageChoice } from "@/lib/validation";

export const switchLanguage = formAction({
  caller: "public",
  fields: ["language", "returnTo"],
  hidden: ["language", "returnTo"],
  // Where to return is followed only when it is a MyChildren's page; anything else goes home.
  schema: z.object({ language: languageChoice(), returnTo: z.string().transform((value) => portalPagePath("mychildren", value) ?? PORTALS.mychildren.home) }),
  familyLanguage: true,
  async run({ language, returnTo }, { request }): Promise<FormState<"language" | "returnTo">> {
    // Only the caller's own account: the session says which one.
    const account = await getFamilyAccount();
    if (account) await setAccountLanguage({ accountId: account.accountId }, language, { request });
    await rememberLocale(language);
    redirect(returnTo);
  },
});
