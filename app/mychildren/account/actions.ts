"use server";
import { getTranslations } from "next-intl/server";
import { changeFamilyPasswordAction } from "@/lib/auth/portal-actions";
import { addChildInput, addChildWithCode } from "@/lib/family/activation";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

export const changeMyPassword = changeFamilyPasswordAction();

/** "Add a child": an activation code used by the signed-in account (never from the registration form). */
export const addChildAction = formAction({
  caller: "family",
  fields: ["code"],
  schema: addChildInput,
  async run(input, { caller, request }): Promise<FormState<"code">> {
    const outcome = await addChildWithCode(input, { accountId: caller.accountId, request });
    if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: { code: outcome.message } };
    const t = await getTranslations("account");
    return { ok: true, message: t("childAdded") };
  },
});
