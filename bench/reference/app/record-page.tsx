import { notFound } from "next/navigation";
import { audit, pool, signedInProvider, VIEWABLE } from "./db";

type Row = Record<string, string | number | null>;
const SECTIONS = [
  ["Allergy", "recordedOn"],
  ["Medication", "startedOn"],
  ["Problem", "onsetOn"],
  ["Immunization", "administeredOn"],
  ["Visit", "visitOn"],
  ["LabResult", "collectedOn"],
] as const;
const section = ([table, order]: (typeof SECTIONS)[number]) =>
  `(SELECT coalesce(json_agg(x ORDER BY x."${order}" DESC), '[]') FROM "${table}" x WHERE x."patientId" = pt.id) AS "${table}"`;
const HIDDEN = new Set(["id", "patientId", "createdAt"]);

export default async function RecordPage({ params }: { params: Promise<{ mrn: string }> }) {
  const providerId = await signedInProvider();
  if (!providerId) notFound();
  const { mrn } = await params;
  const { rows } = await pool.query<{ id: string; mrn: string; firstName: string; lastName: string; dateOfBirth: Date } & Record<string, Row[]>>({
    name: "record",
    text: `SELECT pt.id, pt.mrn, pt."firstName", pt."lastName", pt."dateOfBirth", ${SECTIONS.map(section).join(", ")}
           FROM "Patient" pt WHERE pt.mrn = $2 AND ${VIEWABLE}`,
    values: [providerId, mrn],
  });
  const patient = rows[0];
  await audit(providerId, "record.view", patient?.id ?? null);
  if (!patient) notFound();
  return (
    <main>
      <h1>
        {patient.firstName} {patient.lastName}
      </h1>
      <p>
        MRN {patient.mrn}, born {patient.dateOfBirth.toISOString().slice(0, 10)}
      </p>
      {SECTIONS.map(([table]) => {
        const list = patient[table] ?? [];
        const columns = Object.keys(list[0] ?? {}).filter((column) => !HIDDEN.has(column));
        return (
          <section key={table}>
            <h2>{table}</h2>
            <table>
              <thead>
                <tr>{columns.map((column) => <th key={column}>{column}</th>)}</tr>
              </thead>
              <tbody>
                {list.map((row) => (
                  <tr key={String(row.id)}>{columns.map((column) => <td key={column}>{String(row[column] ?? "—")}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </main>
  );
}
