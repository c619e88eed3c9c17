// The staff table (SPEC §2, §5b): hospital employees allowed into the staff console. Only
// identities listed here get in, whatever the identity provider says.
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** Adds a staff member (email stored lower-cased); `by` is who added them, for the audit trail. */
export async function addStaff(input: { email: string; fullName: string }, context: { by: string; now?: Date }, prisma: PrismaClient = db()): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const staff = await tx.staff.create({ data: { email: input.email, fullName: input.fullName, createdAt: context.now ?? new Date() }, select: { id: true } });
      await recordAudit(tx, { actor: { type: "STAFF", id: context.by }, action: "staff.add", outcome: "SUCCESS", details: { staffId: staff.id, email: input.email } });
      return { ok: true as const, id: staff.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, message: `${input.email} is already on the staff list` };
    throw error;
  }
}
