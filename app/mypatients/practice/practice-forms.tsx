"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { confirmMembersAction, membershipAction } from "./actions";

const buttonTone = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-brand-700 text-brand-700 hover:bg-brand-50",
  danger: "border border-red-700 text-red-800 hover:bg-red-50",
} as const;

/** The buttons of one provider's row; each names the change it makes, and the outcome is announced. */
export function MembershipButtons({ providerId, name, changes }: { providerId: string; name: string; changes: readonly { change: string; label: string; tone: keyof typeof buttonTone }[] }) {
  const [state, action] = useActionState<FormState<"providerId" | "change">, FormData>(membershipAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="flex flex-col items-start gap-2 sm:items-end">
      <input type="hidden" name="providerId" value={providerId} />
      {state.ok ? null : (
        <div className="flex flex-wrap gap-2">
          {changes.map(({ change, label, tone }) => (
            <button key={change} type="submit" name="change" value={change} aria-label={`${label}: ${name}`} className={`rounded-md px-3 py-1.5 text-sm font-semibold ${buttonTone[tone]}`}>
              {label}
            </button>
          ))}
        </div>
      )}
      <div aria-live="polite" role="status" className="text-sm">
        {state.message ? <p className={state.ok ? "text-green-800" : "text-red-800"}>{state.message}</p> : null}
      </div>
    </form>
  );
}

/** "Confirm members": the site administrator vouches for the list as it stands. */
export function ConfirmMembersForm() {
  const [state, action] = useActionState<FormState<never>, FormData>(confirmMembersAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="mt-3 space-y-3">
      <SubmitButton>Confirm members</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
