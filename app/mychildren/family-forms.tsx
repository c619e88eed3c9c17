"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import type { FormState } from "@/lib/form-state";
import { decideAction, inviteAction, revokeAction, withdrawAction, type DecisionState } from "./family-actions";

const ACCESS_ENDS = ["none", "3m", "6m", "1y"] as const;

/** "Access ends", then "Approve" or "Deny" (with an optional reason). */
export function DecisionForm({ requestId }: { requestId: string }) {
  const t = useTranslations("request");
  const [state, action] = useActionState<DecisionState, FormData>(decideAction, { ok: false });
  const formRef = useFocusFirstInvalid(state);
  if (state.ok) {
    return (
      <div role="status" aria-live="polite" className="mt-6 rounded-md border-l-4 border-green-700 bg-green-50 px-4 py-3 text-green-900">
        {state.message}
      </div>
    );
  }
  return (
    <form ref={formRef} action={action} className="mt-6 space-y-5">
      <input type="hidden" name="requestId" value={requestId} />
      <fieldset aria-describedby={state.fieldErrors?.accessEnds ? "accessEnds-error" : undefined}>
        <legend className="font-semibold">{t("accessEnds")}</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {ACCESS_ENDS.map((value) => (
            <label key={value} className="inline-flex items-center gap-2">
              <input type="radio" name="accessEnds" value={value} defaultChecked={(state.values?.accessEnds ?? "6m") === value} className="h-4 w-4 accent-family-600" />
              {t(`ends.${value}`)}
            </label>
          ))}
        </div>
        {state.fieldErrors?.accessEnds ? <p id="accessEnds-error" className="mt-1 text-sm font-medium text-red-700">{state.fieldErrors.accessEnds}</p> : null}
      </fieldset>
      <div>
        <label htmlFor="reason" className="block font-semibold">{t("reasonLabel")}</label>
        <p id="reason-hint" className="text-sm text-slate-600">{t("reasonHint")}</p>
        <textarea id="reason" name="reason" rows={2} maxLength={500} defaultValue={state.values?.reason} aria-describedby="reason-hint" className="mt-1 block w-full max-w-xl rounded-md border border-slate-400 px-3 py-2" />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="decision" value="approve" className="rounded-md bg-family-600 px-5 py-2.5 font-semibold text-white hover:bg-family-700">{t("approve")}</button>
        <button type="submit" name="decision" value="deny" className="rounded-md border border-red-700 px-5 py-2.5 font-semibold text-red-800 hover:bg-red-50">{t("deny")}</button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** One button acting on one row (revoke a grant, withdraw an invitation), with its outcome announced. */
export function RowAction({ kind, id, mrn, label }: { kind: "revoke" | "withdraw"; id: string; mrn: string; label: string }) {
  const t = useTranslations("sharing");
  const [state, action] = useActionState<FormState, FormData>(kind === "revoke" ? revokeAction : withdrawAction, { ok: false });
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="mrn" value={mrn} />
      <button type="submit" aria-label={label} className="rounded-md border border-red-700 px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50">
        {t(kind)}
      </button>
      <div aria-live="polite" role="status" className="text-sm">
        {state.message ? <p className={state.ok ? "text-green-800" : "text-red-800"}>{state.message}</p> : null}
      </div>
    </form>
  );
}

/** "Invite a provider": "Provider email", "Send invitation". */
export function InviteForm({ mrn }: { mrn: string }) {
  const t = useTranslations("sharing");
  const [state, action] = useActionState<FormState<"providerEmail">, FormData>(inviteAction, { ok: false });
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={action} noValidate className="mt-3 max-w-md space-y-4">
      <input type="hidden" name="mrn" value={mrn} />
      <TextField name="providerEmail" label={t("providerEmail")} type="email" autoComplete="off" defaultValue={state.ok ? "" : state.values?.providerEmail} error={state.fieldErrors?.providerEmail} key={state.ok ? state.message : "form"} />
      <SubmitButton portal="mychildren">{t("sendInvitation")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
