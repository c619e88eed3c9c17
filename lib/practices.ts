// Practices (SPEC §2), as registration offers them.
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Every practice a registering provider may name, by name. */
export async function practiceChoices(prisma: PrismaClient = db()): Promise<{ value: string; label: string }[]> {
  const practices = await prisma.practice.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return practices.map((practice) => ({ value: practice.id, label: practice.name }));
}
