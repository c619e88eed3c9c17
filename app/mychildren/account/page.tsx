import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AddChildForm, ChangePasswordForm } from "@/app/_components/password-forms";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { LANGUAGE_NAMES, localeOf } from "@/lib/i18n/locales";
import { LanguageSwitcher } from "../language-switcher";
import { addChildAction, changeMyPassword } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

/** "Account" (SPEC §5): change password; the account's language (SPEC §9); "Add a child" with an activation code. */
export default async function MyChildrensAccount() {
  const me = await requireFamilyAccount();
  const t = await getTranslations("account");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("signedInAs", { name: me.fullName, email: me.email })}</p>
      <section aria-labelledby="change-password" className="mt-8">
        <h2 id="change-password" className="text-lg font-semibold">
          {t("changePassword")}
        </h2>
        <p className="mt-1 text-slate-700">{t("changePasswordIntro")}</p>
        <ChangePasswordForm
          portal="mychildren"
          action={changeMyPassword}
          text={{ currentPassword: t("currentPassword"), newPassword: t("newPassword"), hint: t("passwordHint"), submit: t("changePassword") }}
        />
      </section>
      <section aria-labelledby="language-heading" className="mt-10">
        <h2 id="language-heading" className="text-lg font-semibold">
          {t("language")}
        </h2>
        <p className="mt-1 mb-3 text-slate-700">{t("languageIntro", { language: LANGUAGE_NAMES[localeOf(me.language)] })}</p>
        <LanguageSwitcher tone="page" current={localeOf(me.language)} labelledBy="language-heading" />
      </section>
      <section aria-labelledby="add-child" className="mt-10">
        <h2 id="add-child" className="text-lg font-semibold">
          {t("addChild")}
        </h2>
        <p className="mt-1 text-slate-700">{t("addChildIntro")}</p>
        <AddChildForm action={addChildAction} text={{ code: t("code"), hint: t("codeHint"), submit: t("addChild") }} />
      </section>
    </div>
  );
}
