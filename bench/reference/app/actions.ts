"use server";
import { audit, pool, signedInProvider, VIEWABLE } from "./db";

export interface SearchState {
  ok: boolean;
  results?: { mrn: string; name: string; dateOfBirth: string; viewable: boolean }[];
}

export async function search(_previous: SearchState, formData: FormData): Promise<SearchState> {
  const providerId = await signedInProvider();
  if (!providerId) return { ok: false };
  const { rows } = await pool.query<{ mrn: string; firstName: string; lastName: string; dateOfBirth: Date; viewable: boolean }>({
    name: "search",
    text: `SELECT pt.mrn, pt."firstName", pt."lastName", pt."dateOfBirth", ${VIEWABLE} AS viewable FROM "Patient" pt WHERE pt.mrn = $2`,
    values: [providerId, String(formData.get("mrn") ?? "")],
  });
  await audit(providerId, "patient.search", null);
  return { ok: true, results: rows.map((row) => ({ mrn: row.mrn, name: `${row.firstName} ${row.lastName}`, dateOfBirth: row.dateOfBirth.toISOString().slice(0, 10), viewable: row.viewable })) };
}
