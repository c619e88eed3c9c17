// The demo records of SPEC §8: four practices (one waiting to be enrolled), five providers (two
// waiting for approval), a member of hospital staff, two MyChildren's accounts and four patients
// with a plausible pediatric record. Loading them twice changes nothing.
import { hashPassword } from "@/lib/auth/password";
import { nameKey } from "@/lib/patients/names";
import { npiCheckDigit } from "@/lib/npi";
import {
  AccountStatus,
  LinkRelationship,
  MembershipRole,
  MembershipStatus,
  PracticeKind,
  PracticeStatus,
  ProviderStatus,
  Sex,
  type Prisma,
  type PrismaClient,
} from "@/lib/generated/prisma/client";

export const DEMO_PASSWORD = "demo-password-2026";

export interface DemoAccount {
  role: string;
  name: string;
  email: string;
}

/** The demo sign-ins, for scripts that print them. All use DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "MyPatients – PCP and site administrator, Longwood Pediatrics", name: "Dr. Paula Chen", email: "pcp@longwood.example" },
  { role: "MyPatients – Fenway Pediatric Cardiology", name: "Dr. Omar Haddad", email: "cardio@fenway.example" },
  { role: "MyPatients – Back Bay Dermatology", name: "Dr. Lena Ortiz", email: "derm@backbay.example" },
  { role: "MyPatients – waiting for Dr. Chen's approval (Longwood Pediatrics)", name: "Dr. Priya Natarajan", email: "newdoc@longwood.example" },
  { role: "MyPatients – waiting for the hospital to enroll Jamaica Plain Family Medicine", name: "Dr. Sam Okafor", email: "sam@jpfamily.example" },
  { role: "Staff console – Provider Relations (signs in at the local identity provider)", name: "Grace Kim", email: "staff@hospital.example" },
  { role: "MyChildren's – guardian of Sofia and Mateo", name: "Maria Rivera", email: "parent@family.example" },
  { role: "MyChildren's – self (Ava)", name: "Ava Thompson", email: "ava@family.example" },
];

/** A calendar date for a `@db.Date` column. */
function day(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** A valid NPI from its first nine digits. */
function npi(first9: string): string {
  return first9 + npiCheckDigit(first9);
}

const PRACTICES = [
  { name: "Longwood Pediatrics", kind: PracticeKind.PRIMARY_CARE, city: "Boston", phone: "617-555-0140", status: PracticeStatus.ENROLLED },
  { name: "Fenway Pediatric Cardiology", kind: PracticeKind.SPECIALTY, city: "Boston", phone: "617-555-0175", status: PracticeStatus.ENROLLED },
  { name: "Back Bay Dermatology", kind: PracticeKind.SPECIALTY, city: "Boston", phone: "617-555-0122", status: PracticeStatus.ENROLLED },
  // Named by Dr. Okafor when he registered ("My practice is not listed"): the hospital has not enrolled it yet.
  { name: "Jamaica Plain Family Medicine", kind: PracticeKind.PRIMARY_CARE, city: "Jamaica Plain", phone: "617-555-0193", status: PracticeStatus.PENDING },
];

const APPROVED = { membershipStatus: MembershipStatus.APPROVED, membershipDecidedByStaff: "demo data" } as const;
const WAITING = { membershipStatus: MembershipStatus.PENDING } as const;

const PROVIDERS = [
  { fullName: "Dr. Paula Chen", email: "pcp@longwood.example", npi: npi("123456789"), practice: "Longwood Pediatrics", membership: { ...APPROVED, membershipRole: MembershipRole.SITE_ADMIN } },
  { fullName: "Dr. Omar Haddad", email: "cardio@fenway.example", npi: npi("145739201"), practice: "Fenway Pediatric Cardiology", membership: APPROVED },
  { fullName: "Dr. Lena Ortiz", email: "derm@backbay.example", npi: npi("168204735"), practice: "Back Bay Dermatology", membership: APPROVED },
  { fullName: "Dr. Priya Natarajan", email: "newdoc@longwood.example", npi: npi("132580467"), practice: "Longwood Pediatrics", membership: WAITING },
  { fullName: "Dr. Sam Okafor", email: "sam@jpfamily.example", npi: npi("157320948"), practice: "Jamaica Plain Family Medicine", membership: WAITING },
];

const STAFF = [{ fullName: "Grace Kim", email: "staff@hospital.example" }];

const FAMILY_ACCOUNTS = [
  { fullName: "Maria Rivera", email: "parent@family.example" },
  { fullName: "Ava Thompson", email: "ava@family.example" },
];

const PCP_EMAIL = "pcp@longwood.example";

interface DemoPatient {
  mrn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex;
  allergies: Prisma.AllergyCreateWithoutPatientInput[];
  medications: Prisma.MedicationCreateWithoutPatientInput[];
  problems: Prisma.ProblemCreateWithoutPatientInput[];
  immunizations: Prisma.ImmunizationCreateWithoutPatientInput[];
  visits: Prisma.VisitCreateWithoutPatientInput[];
  labResults: Prisma.LabResultCreateWithoutPatientInput[];
}

const PATIENTS: DemoPatient[] = [
  {
    mrn: "1000001",
    firstName: "Sofia",
    lastName: "Rivera",
    dateOfBirth: "2018-03-14",
    sex: Sex.FEMALE,
    allergies: [
      { substance: "Peanut", reaction: "Hives, lip swelling and vomiting", severity: "Severe", recordedOn: day("2020-06-10") },
      { substance: "Amoxicillin", reaction: "Generalized maculopapular rash", severity: "Moderate", recordedOn: day("2019-02-21") },
    ],
    medications: [
      { name: "Epinephrine auto-injector (EpiPen Jr)", dose: "0.15 mg IM", frequency: "Once as needed for anaphylaxis; may repeat in 5–15 minutes", startedOn: day("2020-06-10"), endedOn: day("2025-03-18") },
      { name: "Epinephrine auto-injector (EpiPen)", dose: "0.3 mg IM", frequency: "Once as needed for anaphylaxis; may repeat in 5–15 minutes", startedOn: day("2025-03-18") },
      { name: "Albuterol HFA 90 mcg/actuation", dose: "2 puffs with spacer", frequency: "Every 4 hours as needed for wheeze", startedOn: day("2022-10-05") },
      { name: "Cetirizine oral solution 1 mg/mL", dose: "5 mg (5 mL)", frequency: "Once daily during spring and fall", startedOn: day("2024-04-02") },
    ],
    problems: [
      { name: "Peanut allergy", status: "Active", onsetOn: day("2020-06-10") },
      { name: "Mild intermittent asthma", status: "Active", onsetOn: day("2022-10-05") },
      { name: "Acute otitis media, left ear", status: "Resolved", onsetOn: day("2019-02-14"), resolvedOn: day("2019-02-28") },
    ],
    immunizations: [
      { vaccine: "Hepatitis B", doseNumber: 1, administeredOn: day("2018-03-15") },
      { vaccine: "DTaP", doseNumber: 4, administeredOn: day("2019-06-20") },
      { vaccine: "DTaP", doseNumber: 5, administeredOn: day("2022-04-12") },
      { vaccine: "MMR", doseNumber: 2, administeredOn: day("2022-04-12") },
      { vaccine: "Varicella", doseNumber: 2, administeredOn: day("2022-04-12") },
      { vaccine: "Influenza, inactivated", doseNumber: 1, administeredOn: day("2025-10-08") },
    ],
    visits: [
      { visitOn: day("2020-06-10"), kind: "Urgent care", clinician: "Dr. Paula Chen", reason: "Hives and vomiting after eating peanut butter", summary: "Urticaria and emesis 20 minutes after first peanut exposure. Given IM epinephrine and cetirizine, observed 4 hours without recurrence. Epinephrine auto-injector prescribed; referred to allergy." },
      { visitOn: day("2022-10-05"), kind: "Sick visit", clinician: "Dr. Paula Chen", reason: "Cough and wheeze", summary: "Expiratory wheeze after a viral cold, improved with albuterol in clinic. Diagnosed mild intermittent asthma; asthma action plan reviewed with mother." },
      { visitOn: day("2025-03-18"), kind: "Well-child", clinician: "Dr. Paula Chen", reason: "7-year well-child visit", summary: "Weight 26 kg (58th percentile), height 50th percentile. Asthma well controlled. Epinephrine auto-injector increased to 0.3 mg for weight." },
      { visitOn: day("2026-03-16"), kind: "Well-child", clinician: "Dr. Paula Chen", reason: "8-year well-child visit", summary: "Normal growth and development; doing well in 2nd grade. Vision and hearing screens normal. No asthma exacerbations this year." },
    ],
    labResults: [
      { test: "Hemoglobin", value: "11.8", unit: "g/dL", referenceRange: "10.5–13.5", collectedOn: day("2019-03-20") },
      { test: "Lead, blood", value: "<1.0", unit: "µg/dL", referenceRange: "<3.5", collectedOn: day("2019-03-20") },
      { test: "Peanut-specific IgE", value: "18.2", unit: "kU/L", referenceRange: "<0.35", flag: "H", collectedOn: day("2020-07-15") },
    ],
  },
  {
    mrn: "1000002",
    firstName: "Mateo",
    lastName: "Rivera",
    dateOfBirth: "2011-07-02",
    sex: Sex.MALE,
    allergies: [
      { substance: "Sulfamethoxazole-trimethoprim", reaction: "Hives", severity: "Moderate", recordedOn: day("2016-08-22") },
      { substance: "Dust mites", reaction: "Sneezing, nasal congestion, itchy eyes", severity: "Mild", recordedOn: day("2017-04-11") },
    ],
    medications: [
      { name: "Methylphenidate extended-release", dose: "27 mg", frequency: "Once daily in the morning", startedOn: day("2019-09-03"), endedOn: day("2022-08-15") },
      { name: "Methylphenidate extended-release", dose: "36 mg", frequency: "Once daily in the morning", startedOn: day("2022-08-15") },
      { name: "Fluticasone propionate nasal spray 50 mcg/spray", dose: "1 spray each nostril", frequency: "Once daily", startedOn: day("2017-04-11") },
      { name: "Ibuprofen", dose: "400 mg", frequency: "Every 6 hours as needed for pain", startedOn: day("2023-05-13"), endedOn: day("2023-05-27") },
    ],
    problems: [
      { name: "Attention-deficit/hyperactivity disorder, combined presentation", status: "Active", onsetOn: day("2019-08-20") },
      { name: "Allergic rhinitis due to dust mites", status: "Active", onsetOn: day("2017-04-11") },
      { name: "Buckle fracture of left distal radius", status: "Resolved", onsetOn: day("2023-05-13"), resolvedOn: day("2023-06-24") },
    ],
    immunizations: [
      { vaccine: "Tdap", doseNumber: 1, administeredOn: day("2022-07-08") },
      { vaccine: "HPV, 9-valent", doseNumber: 1, administeredOn: day("2022-07-08") },
      { vaccine: "HPV, 9-valent", doseNumber: 2, administeredOn: day("2023-01-17") },
      { vaccine: "Meningococcal ACWY", doseNumber: 1, administeredOn: day("2022-07-08") },
      { vaccine: "Influenza, inactivated", doseNumber: 1, administeredOn: day("2025-10-08") },
    ],
    visits: [
      { visitOn: day("2019-08-20"), kind: "Office visit", clinician: "Dr. Paula Chen", reason: "Attention concerns raised by teacher", summary: "Parent and teacher Vanderbilt scales consistent with ADHD, combined presentation. Discussed behavioral strategies and medication options; methylphenidate ER to start at the beginning of the school year." },
      { visitOn: day("2023-05-13"), kind: "Urgent care", clinician: "Dr. Paula Chen", reason: "Left wrist pain after a fall from a skateboard", summary: "Tender distal radius, neurovascularly intact. X-ray: buckle fracture of the distal radius. Removable wrist splint for 3 weeks; ibuprofen as needed." },
      { visitOn: day("2025-07-10"), kind: "Well-child", clinician: "Dr. Paula Chen", reason: "14-year well-child visit", summary: "Height and weight near the 50th percentile; BP 112/68. ADHD well controlled on current dose. HEADSS screen unremarkable." },
      { visitOn: day("2026-02-03"), kind: "Follow-up", clinician: "Dr. Paula Chen", reason: "ADHD medication check", summary: "Grades stable, appetite and sleep good, weight up 2 kg. BP 110/70, HR 78. Continue methylphenidate ER 36 mg." },
    ],
    labResults: [
      { test: "Total cholesterol", value: "162", unit: "mg/dL", referenceRange: "<170", collectedOn: day("2021-08-12") },
      { test: "LDL cholesterol", value: "96", unit: "mg/dL", referenceRange: "<110", collectedOn: day("2021-08-12") },
      { test: "HDL cholesterol", value: "51", unit: "mg/dL", referenceRange: ">45", collectedOn: day("2021-08-12") },
      { test: "Triglycerides", value: "78", unit: "mg/dL", referenceRange: "<90", collectedOn: day("2021-08-12") },
    ],
  },
  {
    mrn: "1000003",
    firstName: "Ethan",
    lastName: "Brooks",
    dateOfBirth: "2016-11-30",
    sex: Sex.MALE,
    allergies: [
      { substance: "Cefdinir", reaction: "Diffuse hives", severity: "Mild", recordedOn: day("2019-01-23") },
      { substance: "Cat dander", reaction: "Wheezing and itchy, watery eyes", severity: "Moderate", recordedOn: day("2021-10-04") },
    ],
    medications: [
      { name: "Fluticasone propionate HFA 44 mcg/actuation", dose: "2 puffs with spacer", frequency: "Twice daily", startedOn: day("2021-10-04") },
      { name: "Albuterol HFA 90 mcg/actuation", dose: "2–4 puffs with spacer", frequency: "Every 4 hours as needed for cough or wheeze", startedOn: day("2020-09-15") },
      { name: "Hydrocortisone 2.5% ointment", dose: "Thin layer to affected skin", frequency: "Twice daily during flares, up to 7 days", startedOn: day("2017-06-02") },
      { name: "Prednisolone oral solution 15 mg/5 mL", dose: "30 mg", frequency: "Once daily for 5 days", startedOn: day("2024-01-18"), endedOn: day("2024-01-22") },
    ],
    problems: [
      { name: "Moderate persistent asthma", status: "Active", onsetOn: day("2021-10-04") },
      { name: "Atopic dermatitis", status: "Active", onsetOn: day("2017-06-02") },
      { name: "Community-acquired pneumonia, right lower lobe", status: "Resolved", onsetOn: day("2021-01-27"), resolvedOn: day("2021-02-15") },
    ],
    immunizations: [
      { vaccine: "Hepatitis B", doseNumber: 3, administeredOn: day("2017-05-30") },
      { vaccine: "DTaP", doseNumber: 5, administeredOn: day("2021-12-06") },
      { vaccine: "IPV", doseNumber: 4, administeredOn: day("2021-12-06") },
      { vaccine: "MMR", doseNumber: 2, administeredOn: day("2021-12-06") },
      { vaccine: "Varicella", doseNumber: 2, administeredOn: day("2021-12-06") },
      { vaccine: "Influenza, inactivated", doseNumber: 1, administeredOn: day("2025-10-20") },
    ],
    visits: [
      { visitOn: day("2021-01-27"), kind: "Sick visit", clinician: "Dr. Paula Chen", reason: "Fever, cough and fast breathing", summary: "Temperature 39.2 °C, RR 34, SpO2 96%, crackles at the right base. Chest X-ray: right lower lobe infiltrate. High-dose amoxicillin for 7 days; recheck in 48 hours." },
      { visitOn: day("2021-10-04"), kind: "Follow-up", clinician: "Dr. Paula Chen", reason: "Asthma check", summary: "Night cough 3 times a week and albuterol use most days. Stepped up to daily inhaled fluticasone; cat exposure at home discussed." },
      { visitOn: day("2024-01-18"), kind: "Sick visit", clinician: "Dr. Paula Chen", reason: "Asthma exacerbation", summary: "Wheeze and retractions after a viral illness, SpO2 95%. Improved after albuterol in clinic. Albuterol every 4 hours and a 5-day prednisolone course." },
      { visitOn: day("2025-12-02"), kind: "Well-child", clinician: "Dr. Paula Chen", reason: "9-year well-child visit", summary: "Normal growth. Eczema mild, worse in winter. Asthma well controlled (ACT 23). Vitamin D low; supplement advised." },
    ],
    labResults: [
      { test: "Eosinophils, absolute", value: "0.7", unit: "×10³/µL", referenceRange: "0.0–0.5", flag: "H", collectedOn: day("2021-10-04") },
      { test: "IgE, total", value: "412", unit: "IU/mL", referenceRange: "<200", flag: "H", collectedOn: day("2021-10-04") },
      { test: "Cat dander-specific IgE", value: "8.4", unit: "kU/L", referenceRange: "<0.35", flag: "H", collectedOn: day("2021-10-04") },
      { test: "Vitamin D, 25-hydroxy", value: "22", unit: "ng/mL", referenceRange: "30–100", flag: "L", collectedOn: day("2025-12-02") },
    ],
  },
  {
    mrn: "1000004",
    firstName: "Ava",
    lastName: "Thompson",
    dateOfBirth: "2007-05-21",
    sex: Sex.FEMALE,
    allergies: [
      { substance: "Latex", reaction: "Contact dermatitis", severity: "Mild", recordedOn: day("2019-03-05") },
      { substance: "Shellfish", reaction: "Throat tightness and hives", severity: "Severe", recordedOn: day("2021-08-14") },
    ],
    medications: [
      { name: "Levothyroxine", dose: "50 mcg", frequency: "Once daily before breakfast", startedOn: day("2021-10-12") },
      { name: "Sertraline", dose: "50 mg", frequency: "Once daily", startedOn: day("2023-03-01") },
      { name: "Epinephrine auto-injector (EpiPen)", dose: "0.3 mg IM", frequency: "Once as needed for anaphylaxis", startedOn: day("2021-08-14") },
      { name: "Doxycycline hyclate", dose: "100 mg", frequency: "Twice daily", startedOn: day("2020-04-21"), endedOn: day("2020-10-21") },
    ],
    problems: [
      { name: "Hashimoto thyroiditis with hypothyroidism", status: "Active", onsetOn: day("2021-10-12") },
      { name: "Generalized anxiety disorder", status: "Active", onsetOn: day("2023-02-14") },
      { name: "Acne vulgaris, moderate", status: "Resolved", onsetOn: day("2020-04-21"), resolvedOn: day("2022-06-30") },
    ],
    immunizations: [
      { vaccine: "Tdap", doseNumber: 1, administeredOn: day("2018-06-11") },
      { vaccine: "HPV, 9-valent", doseNumber: 1, administeredOn: day("2018-06-11") },
      { vaccine: "HPV, 9-valent", doseNumber: 2, administeredOn: day("2019-01-15") },
      { vaccine: "Meningococcal ACWY", doseNumber: 2, administeredOn: day("2023-06-05") },
      { vaccine: "Meningococcal B", doseNumber: 1, administeredOn: day("2023-06-05") },
      { vaccine: "Influenza, inactivated", doseNumber: 1, administeredOn: day("2025-10-14") },
    ],
    visits: [
      { visitOn: day("2021-10-12"), kind: "Office visit", clinician: "Dr. Paula Chen", reason: "Fatigue and weight gain", summary: "Six months of tiredness, cold intolerance and 4 kg weight gain; small firm goiter. TSH 8.9 with positive TPO antibodies. Started levothyroxine 50 mcg." },
      { visitOn: day("2023-02-14"), kind: "Office visit", clinician: "Dr. Paula Chen", reason: "Worry and trouble sleeping", summary: "GAD-7 score 14; no safety concerns. Referred for cognitive behavioral therapy; sertraline started after discussion with patient and mother." },
      { visitOn: day("2025-06-02"), kind: "Well visit", clinician: "Dr. Paula Chen", reason: "18-year annual visit", summary: "Thyroid and anxiety stable. Confidential HEADSS assessment. Discussed transition to adult primary care by age 21; patient now manages her own MyChildren's account." },
      { visitOn: day("2026-05-27"), kind: "Follow-up", clinician: "Dr. Paula Chen", reason: "Thyroid check", summary: "Clinically euthyroid; TSH 2.1, free T4 1.2. Continue levothyroxine 50 mcg; recheck in 12 months." },
    ],
    labResults: [
      { test: "TSH", value: "8.9", unit: "mIU/L", referenceRange: "0.5–4.5", flag: "H", collectedOn: day("2021-10-12") },
      { test: "Thyroid peroxidase antibodies", value: "310", unit: "IU/mL", referenceRange: "<35", flag: "H", collectedOn: day("2021-10-12") },
      { test: "TSH", value: "2.1", unit: "mIU/L", referenceRange: "0.5–4.5", collectedOn: day("2026-05-27") },
      { test: "Free T4", value: "1.2", unit: "ng/dL", referenceRange: "0.8–1.8", collectedOn: day("2026-05-27") },
    ],
  },
];

const LINKS = [
  { accountEmail: "parent@family.example", mrn: "1000001", relationship: LinkRelationship.GUARDIAN },
  { accountEmail: "parent@family.example", mrn: "1000002", relationship: LinkRelationship.GUARDIAN },
  { accountEmail: "ava@family.example", mrn: "1000004", relationship: LinkRelationship.SELF },
];

/**
 * Loads the demo records. Each row is looked up by its unique key and created only when
 * missing (a patient's clinical record only together with the patient), so a second run
 * writes nothing. Returns whether anything was created.
 */
export async function seedDemo(prisma: PrismaClient): Promise<{ created: boolean }> {
  // Hashed once, outside the transaction (argon2 is deliberately slow).
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return prisma.$transaction(
    async (tx) => {
      let created = false;

      const practiceIds = new Map<string, string>();
      for (const practice of PRACTICES) {
        let row = await tx.practice.findUnique({ where: { name: practice.name }, select: { id: true } });
        if (!row) {
          const enrolled = practice.status === PracticeStatus.ENROLLED ? { enrolledAt: new Date(), enrolledByStaff: "demo data", membersConfirmedAt: new Date() } : {};
          row = await tx.practice.create({ data: { ...practice, ...enrolled }, select: { id: true } });
          created = true;
        }
        practiceIds.set(practice.name, row.id);
      }

      const providerIds = new Map<string, string>();
      for (const { practice, membership, ...provider } of PROVIDERS) {
        let row = await tx.provider.findUnique({ where: { email: provider.email }, select: { id: true } });
        if (!row) {
          row = await tx.provider.create({
            data: {
              ...provider,
              ...membership,
              ...(membership.membershipStatus === MembershipStatus.APPROVED ? { membershipDecidedAt: new Date() } : {}),
              passwordHash,
              status: ProviderStatus.ACTIVE,
              emailVerifiedAt: new Date(),
              practiceId: required(practiceIds.get(practice), practice),
            },
            select: { id: true },
          });
          created = true;
        }
        providerIds.set(provider.email, row.id);
      }

      for (const staff of STAFF) {
        if (!(await tx.staff.findUnique({ where: { email: staff.email }, select: { id: true } }))) {
          await tx.staff.create({ data: staff });
          created = true;
        }
      }

      const accountIds = new Map<string, string>();
      for (const account of FAMILY_ACCOUNTS) {
        let row = await tx.familyAccount.findUnique({ where: { email: account.email }, select: { id: true } });
        if (!row) {
          row = await tx.familyAccount.create({
            data: { ...account, passwordHash, status: AccountStatus.ACTIVE },
            select: { id: true },
          });
          created = true;
        }
        accountIds.set(account.email, row.id);
      }

      const pcpId = required(providerIds.get(PCP_EMAIL), PCP_EMAIL);
      const patientIds = new Map<string, string>();
      for (const patient of PATIENTS) {
        let row = await tx.patient.findUnique({ where: { mrn: patient.mrn }, select: { id: true } });
        if (!row) {
          row = await tx.patient.create({
            data: {
              mrn: patient.mrn,
              firstName: patient.firstName,
              lastName: patient.lastName,
              firstNameKey: nameKey(patient.firstName),
              lastNameKey: nameKey(patient.lastName),
              dateOfBirth: day(patient.dateOfBirth),
              sex: patient.sex,
              pcpId,
              allergies: { create: patient.allergies },
              medications: { create: patient.medications },
              problems: { create: patient.problems },
              immunizations: { create: patient.immunizations },
              visits: { create: patient.visits },
              labResults: { create: patient.labResults },
            },
            select: { id: true },
          });
          created = true;
        }
        patientIds.set(patient.mrn, row.id);
      }

      for (const link of LINKS) {
        const accountId = required(accountIds.get(link.accountEmail), link.accountEmail);
        const patientId = required(patientIds.get(link.mrn), link.mrn);
        const existing = await tx.patientLink.findUnique({
          where: { accountId_patientId: { accountId, patientId } },
          select: { id: true },
        });
        if (!existing) {
          await tx.patientLink.create({ data: { accountId, patientId, relationship: link.relationship } });
          created = true;
        }
      }

      return { created };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

function required(value: string | undefined, key: string): string {
  if (value === undefined) throw new Error(`demo seed: nothing loaded for ${key}`);
  return value;
}
