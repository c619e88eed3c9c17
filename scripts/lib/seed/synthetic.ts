// Synthetic patients for load tests, inserted with set-based SQL (INSERT … SELECT over
// generate_series) so 100,000 patients take seconds. Every run adds new rows under a fresh
// run id; nothing existing is changed.
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { nameKey } from "@/lib/patients/names";
import { npiCheckDigit } from "@/lib/npi";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { BULK_TRANSACTION, quoteIdentifier } from "./bulk-load";
import { DEMO_PASSWORD } from "./demo";

/** Records are dated no later than this; dates of birth fall within 20 years before it. */
const AS_OF = "2026-11-01";
const DOB_SPREAD_DAYS = 7305; // 20 years

const FIRST_MRN = 2_000_000;
const LAST_MRN = 9_999_999;
const FIRST_NPI_BASE = 200_000_000; // synthetic NPIs start with 2; demo ones with 1
const LAST_NPI_BASE = 299_999_999;

// Patient first names with their sex. The list lengths of first names (40) and patients' last
// names (1,521, below) are coprime, so indexing both by `i % n` gives 60,840 distinct full names.
const FIRST_NAMES: [string, "FEMALE" | "MALE"][] = [
  ["Olivia", "FEMALE"], ["Liam", "MALE"], ["Emma", "FEMALE"], ["Noah", "MALE"], ["Zoë", "FEMALE"],
  ["José", "MALE"], ["Amelia", "FEMALE"], ["Oliver", "MALE"], ["Chloé", "FEMALE"], ["Mateo", "MALE"],
  ["Sophia", "FEMALE"], ["Elijah", "MALE"], ["Isabella", "FEMALE"], ["Lucas", "MALE"], ["Renée", "FEMALE"],
  ["Andrés", "MALE"], ["Mia", "FEMALE"], ["James", "MALE"], ["Ingrid", "FEMALE"], ["Benjamin", "MALE"],
  ["Aaliyah", "FEMALE"], ["Jonas", "MALE"], ["Camila", "FEMALE"], ["Ethan", "MALE"], ["Siobhán", "FEMALE"],
  ["Joaquín", "MALE"], ["Harper", "FEMALE"], ["Henry", "MALE"], ["Leah", "FEMALE"], ["Jérôme", "MALE"],
  ["Priya", "FEMALE"], ["Kai", "MALE"], ["Noémie", "FEMALE"], ["Samuel", "MALE"], ["Grace", "FEMALE"],
  ["Björn", "MALE"], ["Aisha", "FEMALE"], ["Daniel", "MALE"], ["Inés", "FEMALE"], ["Mohammed", "MALE"],
];

const LAST_NAMES = [
  "Smith", "Johnson", "Núñez", "Williams", "Brown", "García", "Jones", "Miller", "Davis", "Rodríguez",
  "Martínez", "Hernández", "López", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Pérez", "Thompson", "White", "Nguyễn", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis",
  "O'Brien", "Müller", "Kowalski", "Walker", "Young", "Allen", "Søndergaard", "Patel", "Wright",
];

/**
 * Patients' last names: each of LAST_NAMES, and each two of them joined as a double surname
 * ("García-López"), 1,521 in all. With the dates of birth below (a hash of i over 7,305 days),
 * patient i and i + k share both only when k is a multiple of 3,703,635, so a search by last name
 * and date of birth finds one patient at every size, as it mostly does in a real hospital. (With
 * the 39 last names alone, 1,000,000 patients had eleven per name and date of birth, and the
 * benchmark's name search returned eleven results there against one at 1,000 patients.)
 */
const PATIENT_LAST_NAMES = [...LAST_NAMES, ...LAST_NAMES.flatMap((first) => LAST_NAMES.filter((second) => second !== first).map((second) => `${first}-${second}`))];

/** Raised whenever what seedSynthetic makes changes: the benchmark then builds its databases again. */
export const SYNTHETIC_DATA_VERSION = 2;

/** First names of adults: providers and guardians. */
const ADULT_FIRST_NAMES = [
  "Maria", "David", "Jennifer", "Michael", "Linda", "Robert", "Ana", "Carlos", "Susan", "Wei",
  "Fatima", "John", "Elena", "Raj", "Karen", "Luis", "Hélène", "Paul", "Yuki", "Ahmed", "Sarah",
];

// One small clinical record per patient; row i picks entry `i % n` of each list.
const ALLERGIES = [
  ["Peanut", "Hives and lip swelling", "Severe"],
  ["Amoxicillin", "Maculopapular rash", "Moderate"],
  ["Egg", "Hives and vomiting", "Moderate"],
  ["Dust mites", "Sneezing and nasal congestion", "Mild"],
  ["Cat dander", "Itchy, watery eyes", "Mild"],
  ["Sulfamethoxazole-trimethoprim", "Hives", "Moderate"],
  ["Tree nuts", "Throat tightness", "Severe"],
];

// [name, dose, frequency, course length in days (0 = ongoing)]
const MEDICATIONS: [string, string, string, number][] = [
  ["Cetirizine", "5 mg", "Once daily", 0],
  ["Albuterol HFA 90 mcg/actuation", "2 puffs with spacer", "Every 4 hours as needed", 0],
  ["Amoxicillin oral suspension 400 mg/5 mL", "45 mg/kg/day", "Divided twice daily", 10],
  ["Fluticasone propionate HFA 44 mcg/actuation", "2 puffs", "Twice daily", 0],
  ["Hydrocortisone 2.5% ointment", "Thin layer", "Twice daily during flares", 7],
  ["Vitamin D3", "400 IU", "Once daily", 0],
];

// [name, status, days until resolved (0 = still active)]
const PROBLEMS: [string, string, number][] = [
  ["Acute otitis media", "Resolved", 14],
  ["Mild intermittent asthma", "Active", 0],
  ["Atopic dermatitis", "Active", 0],
  ["Allergic rhinitis", "Active", 0],
  ["Viral gastroenteritis", "Resolved", 5],
  ["Functional constipation", "Active", 0],
];

// [kind, reason, summary]
const VISITS = [
  ["Well-child", "Routine well-child visit", "Normal growth and development. Immunizations reviewed and up to date."],
  ["Sick visit", "Fever and ear pain", "Bulging left tympanic membrane; treated for acute otitis media."],
  ["Sick visit", "Cough and wheeze", "Wheeze after a viral illness, improved with albuterol. Asthma action plan reviewed."],
  ["Follow-up", "Eczema check", "Skin improved with emollients and topical steroid during flares."],
  ["Urgent care", "Vomiting and diarrhea", "Mild dehydration, tolerating oral fluids. Supportive care advised."],
];

// [test, value, unit, reference range, flag ("" = normal)]
const LAB_RESULTS = [
  ["Hemoglobin", "12.4", "g/dL", "11.5–13.5", ""],
  ["Lead, blood", "<1.0", "µg/dL", "<3.5", ""],
  ["Ferritin", "9", "ng/mL", "12–150", "L"],
  ["Vitamin D, 25-hydroxy", "24", "ng/mL", "30–100", "L"],
  ["Sodium", "139", "mmol/L", "135–145", ""],
  ["TSH", "2.3", "mIU/L", "0.7–5.7", ""],
  ["Glucose, fasting", "88", "mg/dL", "70–99", ""],
];

const IMMUNIZATIONS = ["Hepatitis B", "DTaP", "MMR", "Varicella", "Influenza, inactivated", "Hepatitis A"];

/** Values of column `index` of a list of tuples, as an array parameter. */
function column<T extends readonly unknown[], K extends keyof T & number>(rows: readonly T[], index: K): T[K][] {
  return rows.map((row) => row[index]);
}

/** The tables `seedSynthetic` fills. */
export const SYNTHETIC_TABLES = [
  "Practice", "Provider", "Patient", "FamilyAccount", "PatientLink",
  "Allergy", "Medication", "Problem", "Immunization", "Visit", "LabResult",
] as const;

/** Adds `count` synthetic patients with practices, providers, guardians and records. */
export async function seedSynthetic(prisma: PrismaClient, count: number): Promise<void> {
  const runId = randomBytes(4).toString("hex").slice(0, 6);
  const practiceCount = Math.max(1, Math.round(count / 500));
  const providerCount = Math.max(1, Math.round(count / 50));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const firstNames = column(FIRST_NAMES, 0);
  const firstKeys = firstNames.map(nameKey);
  const sexes = column(FIRST_NAMES, 1);
  const lastKeys = PATIENT_LAST_NAMES.map(nameKey);

  const firstMrn = await prisma.$transaction(
    async (tx) => {
      // Continue after the largest synthetic MRN and NPI already present.
      const [maxes] = await tx.$queryRaw<{ mrn: string | null; npi: string | null }[]>`
        SELECT (SELECT max(mrn) FROM "Patient" WHERE mrn ~ '^[2-9][0-9]{6}$') AS mrn,
               (SELECT max(npi) FROM "Provider" WHERE npi LIKE '2%') AS npi`;
      const firstMrn = maxes?.mrn ? Number(maxes.mrn) + 1 : FIRST_MRN;
      const firstNpiBase = maxes?.npi ? Number(maxes.npi.slice(0, 9)) + 1 : FIRST_NPI_BASE;
      if (firstMrn + count - 1 > LAST_MRN) throw new Error("no room left for 7-digit synthetic MRNs");
      if (firstNpiBase + providerCount - 1 > LAST_NPI_BASE) throw new Error("no room left for synthetic NPIs");

      const npis = Array.from({ length: providerCount }, (_, i) => {
        const base = String(firstNpiBase + i);
        return base + npiCheckDigit(base);
      });

      // Ids are drawn first into temporary tables indexed by i, so later inserts can join on i.
      await tx.$executeRaw`
        CREATE TEMP TABLE seed_practice (i int PRIMARY KEY, id uuid NOT NULL) ON COMMIT DROP`;
      await tx.$executeRaw`
        INSERT INTO seed_practice SELECT i, gen_random_uuid() FROM generate_series(1, ${practiceCount}::int) AS i`;
      await tx.$executeRaw`
        INSERT INTO "Practice" (id, name, kind, status, city, phone, "enrolledAt", "enrolledByStaff", "membersConfirmedAt", "createdAt", "updatedAt")
        SELECT id, 'Synthetic Pediatrics ' || ${runId}::text || '-' || i,
               (CASE WHEN i % 2 = 1 THEN 'PRIMARY_CARE' ELSE 'SPECIALTY' END)::"PracticeKind", 'ENROLLED'::"PracticeStatus",
               'Boston', '617-555-' || lpad((i % 10000)::text, 4, '0'), now(), 'synthetic data', now(), now(), now()
        FROM seed_practice`;

      await tx.$executeRaw`
        CREATE TEMP TABLE seed_provider (i int PRIMARY KEY, id uuid NOT NULL) ON COMMIT DROP`;
      await tx.$executeRaw`
        INSERT INTO seed_provider SELECT i, gen_random_uuid() FROM generate_series(1, ${providerCount}::int) AS i`;
      await tx.$executeRaw`
        INSERT INTO "Provider" (id, "fullName", email, npi, "passwordHash", status, "emailVerifiedAt",
                                "practiceId", "membershipStatus", "membershipRole", "membershipDecidedAt", "membershipDecidedByStaff", "createdAt", "updatedAt")
        SELECT p.id,
               'Dr. ' || a.names[p.i % cardinality(a.names) + 1] || ' ' || l.names[p.i % cardinality(l.names) + 1],
               'provider-' || ${runId}::text || '-' || p.i || '@synthetic.example',
               n.npi, ${passwordHash}::text, 'ACTIVE'::"ProviderStatus", now(), pr.id,
               'APPROVED'::"MembershipStatus",
               -- The first provider of each practice is its site administrator.
               (CASE WHEN p.i <= ${practiceCount}::int THEN 'SITE_ADMIN' ELSE 'MEMBER' END)::"MembershipRole",
               now(), 'synthetic data', now(), now()
        FROM seed_provider p
        JOIN unnest(${npis}::text[]) WITH ORDINALITY AS n(npi, i) ON n.i = p.i
        JOIN seed_practice pr ON pr.i = (p.i - 1) % ${practiceCount}::int + 1
        CROSS JOIN (SELECT ${ADULT_FIRST_NAMES}::text[] AS names) a
        CROSS JOIN (SELECT ${LAST_NAMES}::text[] AS names) l`;

      await tx.$executeRaw`
        CREATE TEMP TABLE seed_patient (i int PRIMARY KEY, id uuid NOT NULL, dob date NOT NULL, pcp int NOT NULL)
        ON COMMIT DROP`;
      // Dates of birth are spread evenly over the 20 years by a multiplicative hash of i.
      await tx.$executeRaw`
        INSERT INTO seed_patient
        SELECT i, gen_random_uuid(), ${AS_OF}::date - ((i::bigint * 7919) % ${DOB_SPREAD_DAYS}::int)::int,
               (i - 1) % ${providerCount}::int + 1
        FROM generate_series(1, ${count}::int) AS i`;
      await tx.$executeRaw`
        INSERT INTO "Patient" (id, mrn, "firstName", "lastName", "firstNameKey", "lastNameKey", "dateOfBirth",
                               sex, "pcpId", "createdAt", "updatedAt")
        SELECT t.id, (${firstMrn}::int + t.i - 1)::text,
               f.names[t.i % cardinality(f.names) + 1], l.names[t.i % cardinality(l.names) + 1],
               f.keys[t.i % cardinality(f.names) + 1], l.keys[t.i % cardinality(l.names) + 1],
               t.dob, f.sexes[t.i % cardinality(f.names) + 1]::"Sex", p.id, now(), now()
        FROM seed_patient t
        JOIN seed_provider p ON p.i = t.pcp
        CROSS JOIN (SELECT ${firstNames}::text[] AS names, ${firstKeys}::text[] AS keys, ${sexes}::text[] AS sexes) f
        CROSS JOIN (SELECT ${PATIENT_LAST_NAMES}::text[] AS names, ${lastKeys}::text[] AS keys) l`;

      // A guardian account for four patients in five, linked as GUARDIAN.
      await tx.$executeRaw`
        CREATE TEMP TABLE seed_guardian (i int PRIMARY KEY, id uuid NOT NULL) ON COMMIT DROP`;
      await tx.$executeRaw`
        INSERT INTO seed_guardian SELECT i, gen_random_uuid() FROM seed_patient WHERE i % 5 <> 0`;
      await tx.$executeRaw`
        INSERT INTO "FamilyAccount" (id, "fullName", email, "passwordHash", status, "createdAt", "updatedAt")
        SELECT g.id, a.names[g.i % cardinality(a.names) + 1] || ' ' || l.names[g.i % cardinality(l.names) + 1],
               'guardian-' || ${runId}::text || '-' || g.i || '@synthetic.example',
               ${passwordHash}::text, 'ACTIVE'::"AccountStatus", now(), now()
        FROM seed_guardian g
        CROSS JOIN (SELECT ${ADULT_FIRST_NAMES}::text[] AS names) a
        CROSS JOIN (SELECT ${LAST_NAMES}::text[] AS names) l`;
      await tx.$executeRaw`
        INSERT INTO "PatientLink" (id, "accountId", "patientId", relationship, "createdAt")
        SELECT gen_random_uuid(), g.id, t.id, 'GUARDIAN'::"LinkRelationship", now()
        FROM seed_guardian g JOIN seed_patient t USING (i)`;

      return firstMrn;
    },
    BULK_TRANSACTION,
  );

  await insertRecords(prisma, firstMrn, count);

  // Fresh statistics, so the planner sees the new rows right away.
  await prisma.$executeRawUnsafe(`ANALYZE ${SYNTHETIC_TABLES.map(quoteIdentifier).join(", ")}`);
}

/**
 * One small clinical record per patient of the run whose MRNs start at `firstMrn`, in two lanes of
 * three tables, each lane a transaction on its own connection: PostgreSQL fills two tables at once.
 */
async function insertRecords(prisma: PrismaClient, firstMrn: number, count: number): Promise<void> {
  // The run's patients, read back by their MRNs (all of the same length, so text order is number
  // order): i numbers them from 1 as when they were inserted.
  const run = Prisma.sql`
    SELECT id, "dateOfBirth" AS dob, "pcpId", mrn::int - ${firstMrn}::int + 1 AS i FROM "Patient"
    WHERE mrn BETWEEN ${String(firstMrn)} AND ${String(firstMrn + count - 1)}`;
  // One row per patient in each clinical table, dated between birth and AS_OF:
  // `t.dob + (AS_OF - t.dob) * k / 4` falls k quarters of the way through the patient's life.
  const lanes = [
    async (tx: Prisma.TransactionClient) => {
      await tx.$executeRaw`
        WITH t AS (${run})
        INSERT INTO "Allergy" (id, "patientId", substance, reaction, severity, "recordedOn", "createdAt")
        SELECT gen_random_uuid(), t.id, v.s[k], v.r[k], v.sev[k], t.dob + (${AS_OF}::date - t.dob) / 4, now()
        FROM t
        CROSS JOIN (SELECT ${column(ALLERGIES, 0)}::text[] AS s, ${column(ALLERGIES, 1)}::text[] AS r,
                           ${column(ALLERGIES, 2)}::text[] AS sev) v
        CROSS JOIN LATERAL (SELECT t.i % cardinality(v.s) + 1 AS k) x`;
      await tx.$executeRaw`
        WITH t AS (${run})
        INSERT INTO "Medication" (id, "patientId", name, dose, frequency, "startedOn", "endedOn", "createdAt")
        SELECT gen_random_uuid(), t.id, v.n[k], v.d[k], v.f[k], s.started,
               CASE WHEN v.days[k] > 0 THEN least(s.started + v.days[k], ${AS_OF}::date) END, now()
        FROM t
        CROSS JOIN (SELECT ${column(MEDICATIONS, 0)}::text[] AS n, ${column(MEDICATIONS, 1)}::text[] AS d,
                           ${column(MEDICATIONS, 2)}::text[] AS f, ${column(MEDICATIONS, 3)}::int[] AS days) v
        CROSS JOIN LATERAL (SELECT t.i % cardinality(v.n) + 1 AS k,
                                   t.dob + (${AS_OF}::date - t.dob) / 2 AS started) s`;
      await tx.$executeRaw`
        WITH t AS (${run})
        INSERT INTO "Problem" (id, "patientId", name, status, "onsetOn", "resolvedOn", "createdAt")
        SELECT gen_random_uuid(), t.id, v.n[k], v.st[k], s.onset,
               CASE WHEN v.days[k] > 0 THEN least(s.onset + v.days[k], ${AS_OF}::date) END, now()
        FROM t
        CROSS JOIN (SELECT ${column(PROBLEMS, 0)}::text[] AS n, ${column(PROBLEMS, 1)}::text[] AS st,
                           ${column(PROBLEMS, 2)}::int[] AS days) v
        CROSS JOIN LATERAL (SELECT t.i % cardinality(v.n) + 1 AS k,
                                   t.dob + (${AS_OF}::date - t.dob) / 2 AS onset) s`;
    },
    async (tx: Prisma.TransactionClient) => {
      // Everyone gets the birth dose of hepatitis B, plus one later vaccine when old enough.
      await tx.$executeRaw`
        WITH t AS (${run})
        INSERT INTO "Immunization" (id, "patientId", vaccine, "doseNumber", "administeredOn", "createdAt")
        SELECT gen_random_uuid(), t.id, 'Hepatitis B', 1, t.dob, now() FROM t
        UNION ALL
        SELECT gen_random_uuid(), t.id, v.names[t.i % cardinality(v.names) + 1], 1,
               t.dob + (${AS_OF}::date - t.dob) * 3 / 4, now()
        FROM t
        CROSS JOIN (SELECT ${IMMUNIZATIONS}::text[] AS names) v
        WHERE ${AS_OF}::date - t.dob >= 365`;
      await tx.$executeRaw`
        WITH t AS (${run})
        INSERT INTO "Visit" (id, "patientId", "visitOn", kind, clinician, reason, summary, "createdAt")
        SELECT gen_random_uuid(), t.id, t.dob + (${AS_OF}::date - t.dob) * 3 / 4, v.kind[k], p."fullName",
               v.reason[k], v.summary[k], now()
        FROM t
        JOIN "Provider" p ON p.id = t."pcpId"
        CROSS JOIN (SELECT ${column(VISITS, 0)}::text[] AS kind, ${column(VISITS, 1)}::text[] AS reason,
                           ${column(VISITS, 2)}::text[] AS summary) v
        CROSS JOIN LATERAL (SELECT t.i % cardinality(v.kind) + 1 AS k) x`;
      await tx.$executeRaw`
        WITH t AS (${run})
        INSERT INTO "LabResult" (id, "patientId", test, value, unit, "referenceRange", flag, "collectedOn", "createdAt")
        SELECT gen_random_uuid(), t.id, v.test[k], v.val[k], v.unit[k], v.ref[k], nullif(v.flag[k], ''),
               t.dob + (${AS_OF}::date - t.dob) * 3 / 4, now()
        FROM t
        CROSS JOIN (SELECT ${column(LAB_RESULTS, 0)}::text[] AS test, ${column(LAB_RESULTS, 1)}::text[] AS val,
                           ${column(LAB_RESULTS, 2)}::text[] AS unit, ${column(LAB_RESULTS, 3)}::text[] AS ref,
                           ${column(LAB_RESULTS, 4)}::text[] AS flag) v
        CROSS JOIN LATERAL (SELECT t.i % cardinality(v.test) + 1 AS k) x`;
    },
  ];
  await Promise.all(lanes.map((lane) => prisma.$transaction(lane, BULK_TRANSACTION)));
}
