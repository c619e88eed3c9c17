"use server";
// "Manage [practice name]" (SPEC §4): a site administrator's decisions about the members of their
// own practice. The builder lets only site administrators in; the data layer checks that the
// provider acted on belongs to the administrator's practice.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { approveMembership, confirmMembers, declineMembership, makeSiteAdmin, removeMember, removeSiteAdminRole } from "@/lib/practices/memberships";
import { recordId } from "@/lib/validation";

const CHANGES = {
  approve: { change: approveMembership, done: "Approved. They were told by email and can now use MyPatients." },
  decline: { change: declineMembership, done: "Declined. They were told by email." },
  remove: { change: removeMember, done: "Removed from the practice. They can no longer open records through it." },
  makeSiteAdmin: { change: makeSiteAdmin, done: "They are now a site administrator of the practice." },
  removeSiteAdmin: { change: removeSiteAdminRole, done: "They are no longer a site administrator." },
} as const;

type Change = keyof typeof CHANGES;

export const membershipAction = formAction({
  caller: "siteAdmin",
  fields: ["providerId", "change"],
  hidden: ["providerId", "change"],
  schema: z.object({
    providerId: recordId("This provider was not found."),
    change: z.enum(Object.keys(CHANGES) as [Change, ...Change[]], "Choose what to do."),
  }),
  async run(input, { caller, request }): Promise<FormState<"providerId" | "change">> {
    const { change, done } = CHANGES[input.change];
    const outcome = await change(input.providerId, { actor: { providerId: caller.providerId }, request });
    // No revalidation: the row keeps showing the outcome (a person moved to another list would
    // lose it); the lists are rebuilt on the next visit.
    return outcome.ok ? { ok: true, message: done } : { ok: false, message: outcome.message };
  },
});

export const confirmMembersAction = formAction({
  caller: "siteAdmin",
  fields: [],
  schema: z.object({}),
  async run(_input, { caller, request }): Promise<FormState<never>> {
    const outcome = await confirmMembers(caller.practiceId, { actor: { providerId: caller.providerId }, request });
    if (!outcome.ok) return outcome;
    revalidatePath("/mypatients/practice");
    return { ok: true, message: "Thank you. The member list is confirmed for the next 90 days." };
  },
});
