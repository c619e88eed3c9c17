"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import type { FamilyRegistrationField } from "@/lib/family/activation";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { registerFamilyAction } from "./actions";

export function FamilyRegisterForm() {
  const t = useTranslations("register");
  const [state, action] = useActionState<FormState<FamilyRegistrationField>, FormData>(registerFamilyAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={action} noValidate className="mt-6 max-w-md space-y-5">
      <FormMessage state={state} />
      <TextField name="code" label={t("code")} hint={t("codeHint")} autoComplete="off" maxLength={64} defaultValue={state.values?.code} error={state.fieldErrors?.code} />
      <TextField name="fullName" label={t("fullName")} autoComplete="name" maxLength={120} defaultValue={state.values?.fullName} error={state.fieldErrors?.fullName} />
      <TextField name="email" label={t("email")} type="email" autoComplete="email" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <TextField name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("passwordHint")} error={state.fieldErrors?.password} />
      <SubmitButton portal="mychildren">{t("submit")}</SubmitButton>
    </form>
  );
}
