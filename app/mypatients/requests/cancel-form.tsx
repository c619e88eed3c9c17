"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { cancelRequestAction } from "./request-actions";

/** "Cancel request" for one pending request; a form, so it works before (and without) JavaScript. */
export function CancelRequestForm({ requestId, patientName }: { requestId: string; patientName: string }) {
  const [state, action, pending] = useActionState<FormState<"requestId">, FormData>(cancelRequestAction, { ok: false });
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="requestId" value={requestId} />
      {state.ok ? null : (
        <button type="submit" disabled={pending} aria-label={`Cancel request for ${patientName}`} className="rounded-md border border-red-700 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50">
          Cancel request
        </button>
      )}
      <div aria-live="polite" role="status" className="text-sm">
        {state.message ? <p className={state.ok ? "text-green-800" : "text-red-800"}>{state.message}</p> : null}
      </div>
    </form>
  );
}
