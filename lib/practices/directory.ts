// Finding a practice (SPEC §4): registration finds enrolled practices as the provider types part
// of the name. The answer is bounded, so the page never lists all of them however many there are.
import { z } from "zod";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freeText } from "@/lib/validation";

export const MAX_PRACTICE_MATCHES = 10;
export const MIN_PRACTICE_QUERY = 2;

export const practiceQuery = z.object({ query: freeText(100) });

export interface PracticeMatch {
  id: string;
  name: string;
  city: string | null;
}

/** Enrolled practices whose name contains `query` (case-insensitive), at most MAX_PRACTICE_MATCHES, by name. */
export async function findPractices(query: string, prisma: PrismaClient = db()): Promise<PracticeMatch[]> {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.join(" ").length < MIN_PRACTICE_QUERY) return [];
  return prisma.practice.findMany({
    where: { status: "ENROLLED", AND: words.map((word) => ({ name: { contains: word, mode: "insensitive" as const } })) },
    select: { id: true, name: true, city: true },
    orderBy: { name: "asc" },
    take: MAX_PRACTICE_MATCHES,
  });
}

/**
 * What "Search" says of `found` practices (registration without JavaScript). At the cap there may
 * be more than are listed, so it says so and asks for more of the name.
 */
export function practiceMatchesMessage(found: number): string {
  if (found === 0) return 'No enrolled practice matches. Check the name, or choose "My practice is not listed".';
  if (found >= MAX_PRACTICE_MATCHES) {
    return `${MAX_PRACTICE_MATCHES} or more enrolled practices match; the first ${MAX_PRACTICE_MATCHES} are listed. Choose yours under "Choose your practice", or type more of its name.`;
  }
  return `${found} enrolled ${found === 1 ? "practice matches" : "practices match"}. Choose yours under "Choose your practice".`;
}

/** The enrolled practice `id`, for a registration that chose it; null when there is none. */
export async function enrolledPractice(id: string, prisma: PrismaClient = db()): Promise<PracticeMatch | null> {
  return prisma.practice.findFirst({ where: { id, status: "ENROLLED" }, select: { id: true, name: true, city: true } });
}
