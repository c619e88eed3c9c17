// The start of every staff console page: the signed-in staff member (anyone else goes to sign in),
// and the page view's audit event, written before the page reads anything else.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireStaff } from "@/lib/auth/current-user";
import type { StaffPrincipal } from "@/lib/auth/session-store";
import { requestMetadata } from "@/lib/http/request-metadata";
import { recordStaffView, type StaffPage } from "@/lib/staff/console";

export async function openStaffPage(page: StaffPage, details: Prisma.InputJsonObject = {}): Promise<StaffPrincipal> {
  const staff = await requireStaff();
  await recordStaffView(staff, page, details, await requestMetadata());
  return staff;
}

/** A query-string parameter as one string ("" when absent or repeated). */
export function param(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}
