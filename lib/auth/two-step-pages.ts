// What the pages of two-step sign-in read (pages read through lib/, never the database client).
import "server-only";
import { enrolmentInProgress, type Enrolment } from "@/lib/auth/two-step";
import { db } from "@/lib/db";

/** A provider's two-step sign-in: on since when, or the enrolment in progress, if any. */
export async function twoStepStatus(providerId: string): Promise<{ enabledAt: Date | null; enrolment: Enrolment | null }> {
  const provider = await db().provider.findUniqueOrThrow({ where: { id: providerId }, select: { twoStepEnabledAt: true } });
  return { enabledAt: provider.twoStepEnabledAt, enrolment: provider.twoStepEnabledAt ? null : await enrolmentInProgress(db(), providerId) };
}
