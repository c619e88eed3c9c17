import { describe, expect, it } from "vitest";
import { viewableBy } from "@/lib/access";
import { createSession, validateSession } from "@/lib/auth/session-store";
import { disableProvider, enableProvider, enrollPractice, waitingForHospital } from "@/lib/practices/hospital";
import { practiceForAdmin } from "@/lib/practices/management";
import {
  approveMembership,
  confirmMembers,
  declineMembership,
  makeSiteAdmin,
  MESSAGES,
  removeMember,
  removeSiteAdminRole,
  remindDueConfirmations,
} from "@/lib/practices/memberships";
import { requestAccess } from "@/lib/requests/create";
import { createFamilyAccount, createGrant, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { runScript } from "../support/run-script.ts";
import { useDatabase } from "../support/use-database.ts";

// SPEC §2, §3, §4: nobody vouches for themselves. Memberships are approved by a site administrator
// of the practice or by hospital staff; only an approved, not ended membership opens the practice's
// patients' records.
describe("practice memberships", () => {
  const db = useDatabase({ poolSize: 6 });
  const DAY = 86_400_000;

  /** A primary care practice with its site administrator, a patient of theirs and one waiting newcomer. */
  async function practiceWithNewcomer() {
    const practice = await createPractice(db.prisma, "PRIMARY_CARE");
    const admin = await createProvider(db.prisma, { practiceId: practice.id, role: "SITE_ADMIN" });
    const patient = await createPatient(db.prisma, { pcpId: admin.id });
    const newcomer = await createProvider(db.prisma, { practiceId: practice.id, membership: "PENDING" });
    return { practice, admin, patient, newcomer };
  }

  async function canView(providerId: string, patientId: string): Promise<boolean> {
    return (await db.prisma.patient.findFirst({ where: { AND: [{ id: patientId }, viewableBy(providerId, new Date())] }, select: { id: true } })) !== null;
  }

  const emailsTo = (to: string, template: string) => db.prisma.outboxEmail.count({ where: { to, template } });

  it("opens the practice's patients only to approved members: not to one waiting, declined or removed", async () => {
    const { practice, patient, newcomer } = await practiceWithNewcomer();
    const declined = await createProvider(db.prisma, { practiceId: practice.id, membership: "DECLINED" });
    const removed = await createProvider(db.prisma, { practiceId: practice.id, membershipEndedAt: new Date(Date.now() - 1_000) });
    const member = await createProvider(db.prisma, { practiceId: practice.id });
    expect(await canView(member.id, patient.id)).toBe(true);
    for (const provider of [newcomer, declined, removed]) expect(await canView(provider.id, patient.id), provider.fullName).toBe(false);
  });

  it("lets a site administrator approve a waiting member, who is emailed and can then open the practice's records", async () => {
    const { admin, patient, newcomer } = await practiceWithNewcomer();
    expect(await approveMembership(newcomer.id, { actor: { providerId: admin.id } }, db.prisma)).toEqual({ ok: true });
    expect(await canView(newcomer.id, patient.id)).toBe(true);
    const row = await db.prisma.provider.findUniqueOrThrow({ where: { id: newcomer.id } });
    expect(row).toMatchObject({ membershipStatus: "APPROVED", membershipDecidedById: admin.id, membershipDecidedByStaff: null });
    expect(await emailsTo(newcomer.email, "membershipApproved")).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "membership.approve", actorType: "PROVIDER", actorId: admin.id } })).toBe(1);
  });

  it("never lets a provider approve their own membership, nor anyone act outside their own practice", async () => {
    const { admin, newcomer } = await practiceWithNewcomer();
    // The newcomer tries to approve themselves: they administer nothing, so they find nobody.
    expect(await approveMembership(newcomer.id, { actor: { providerId: newcomer.id } }, db.prisma)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // A site administrator deciding about themselves, and staff acting on an account with their own email.
    expect(await declineMembership(admin.id, { actor: { providerId: admin.id } }, db.prisma)).toMatchObject({ ok: false, code: "OWN_MEMBERSHIP" });
    expect(await approveMembership(newcomer.id, { actor: { staff: newcomer.email.toUpperCase() } }, db.prisma)).toMatchObject({ ok: false, code: "OWN_MEMBERSHIP" });
    // The site administrator of another practice.
    const elsewhere = await practiceWithNewcomer();
    expect(await approveMembership(newcomer.id, { actor: { providerId: elsewhere.admin.id } }, db.prisma)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await removeMember(admin.id, { actor: { providerId: elsewhere.admin.id } }, db.prisma)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await db.prisma.provider.findUniqueOrThrow({ where: { id: newcomer.id } })).membershipStatus).toBe("PENDING");
  });

  it("turns two site administrators approving and declining the same member at once into exactly one outcome", async () => {
    const { practice, admin, newcomer } = await practiceWithNewcomer();
    const second = await createProvider(db.prisma, { practiceId: practice.id, role: "SITE_ADMIN" });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? approveMembership : declineMembership)(newcomer.id, { actor: { providerId: i % 2 === 0 ? admin.id : second.id } }, db.prisma)),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok).every((outcome) => !outcome.ok && outcome.code === "ALREADY_DECIDED")).toBe(true);
    const emails = (await emailsTo(newcomer.email, "membershipApproved")) + (await emailsTo(newcomer.email, "membershipDeclined"));
    expect(emails).toBe(1);
  });

  it("ends a removed member's access through the practice on their next request, and keeps grants made to them", async () => {
    const { admin, patient, practice } = await practiceWithNewcomer();
    const leaver = await createProvider(db.prisma, { practiceId: practice.id });
    const otherPractice = await createPractice(db.prisma, "PRIMARY_CARE");
    const otherPcp = await createProvider(db.prisma, { practiceId: otherPractice.id });
    const sharedPatient = await createPatient(db.prisma, { pcpId: otherPcp.id });
    await createGrant(db.prisma, { providerId: leaver.id, patientId: sharedPatient.id });
    const { secret } = await db.prisma.$transaction((tx) => createSession(tx, { portal: "mypatients", providerId: leaver.id }, new Date()));
    expect(await validateSession(db.prisma, "mypatients", secret, new Date())).toMatchObject({ membership: "APPROVED" });

    expect(await removeMember(leaver.id, { actor: { providerId: admin.id } }, db.prisma)).toEqual({ ok: true });
    expect(await canView(leaver.id, patient.id)).toBe(false);
    expect(await canView(leaver.id, sharedPatient.id)).toBe(true);
    // The same session, on its next request: no longer a member, so no search and no requests.
    expect(await validateSession(db.prisma, "mypatients", secret, new Date())).toMatchObject({ membership: "ENDED", siteAdmin: false });
    expect(await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: leaver.id }, db.prisma)).toMatchObject({ ok: false, code: "NOT_MEMBER" });
  });

  it("never removes or demotes a practice's last site administrator, even when two try to step down at once", async () => {
    const { practice, admin } = await practiceWithNewcomer();
    expect(await removeMember(admin.id, { actor: { providerId: admin.id } }, db.prisma)).toEqual({ ok: false, code: "LAST_SITE_ADMIN", message: MESSAGES.LAST_SITE_ADMIN });
    expect(await removeSiteAdminRole(admin.id, { actor: { staff: "Grace Kim" } }, db.prisma)).toMatchObject({ ok: false, code: "LAST_SITE_ADMIN" });

    const member = await createProvider(db.prisma, { practiceId: practice.id });
    expect(await makeSiteAdmin(member.id, { actor: { providerId: admin.id } }, db.prisma)).toEqual({ ok: true });
    const outcomes = await Promise.all([
      removeSiteAdminRole(admin.id, { actor: { providerId: member.id } }, db.prisma),
      removeSiteAdminRole(member.id, { actor: { providerId: admin.id } }, db.prisma),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(await db.prisma.provider.count({ where: { practiceId: practice.id, membershipRole: "SITE_ADMIN" } })).toBe(1);
  });

  it("shows a site administrator their practice only, with who waits and who is a member", async () => {
    const { practice, admin, newcomer } = await practiceWithNewcomer();
    const managed = await practiceForAdmin(admin.id, db.prisma);
    expect(managed?.id).toBe(practice.id);
    expect(managed?.waiting.map((person) => person.id)).toEqual([newcomer.id]);
    expect(managed?.members.map((person) => person.id)).toEqual([admin.id]);
    const member = await createProvider(db.prisma, { practiceId: practice.id });
    expect(await practiceForAdmin(member.id, db.prisma)).toBeNull();
    expect(await practiceForAdmin(newcomer.id, db.prisma)).toBeNull();
  });

  it("reminds the site administrators once when the member list is due, and not again after it is confirmed", async () => {
    const { practice, admin } = await practiceWithNewcomer();
    const confirmed = new Date(Date.now() - 91 * DAY);
    await db.prisma.practice.update({ where: { id: practice.id }, data: { membersConfirmedAt: confirmed } });
    const now = new Date();
    await Promise.all([remindDueConfirmations(db.prisma, now), remindDueConfirmations(db.prisma, now)]);
    await remindDueConfirmations(db.prisma, new Date(now.getTime() + DAY));
    expect(await emailsTo(admin.email, "membersDue")).toBe(1);

    const outcome = await confirmMembers(practice.id, { actor: { providerId: admin.id }, now }, db.prisma);
    expect(outcome).toEqual({ ok: true, confirmedAt: now });
    await remindDueConfirmations(db.prisma, new Date(now.getTime() + 30 * DAY));
    expect(await emailsTo(admin.email, "membersDue")).toBe(1);
    // 90 days after the confirmation, once more.
    await remindDueConfirmations(db.prisma, new Date(now.getTime() + 91 * DAY));
    expect(await emailsTo(admin.email, "membersDue")).toBe(2);
    expect(await confirmMembers(practice.id, { actor: { providerId: (await createProvider(db.prisma)).id } }, db.prisma)).toMatchObject({ ok: false });
  });

  it("leaves a new practice's providers to hospital staff: enroll, approve, then name a site administrator", async () => {
    const practice = await createPractice(db.prisma, "PRIMARY_CARE", "PENDING");
    const founder = await createProvider(db.prisma, { practiceId: practice.id, membership: "PENDING" });
    const waiting = await waitingForHospital(db.prisma);
    expect(waiting.newPractices.find((entry) => entry.id === practice.id)?.providers.map((provider) => provider.id)).toEqual([founder.id]);

    const staff = { actor: { staff: "Grace Kim" } };
    expect(await approveMembership(founder.id, staff, db.prisma)).toMatchObject({ ok: false, code: "NOT_ENROLLED" });
    expect(await enrollPractice(practice.id, { staff: "Grace Kim" }, db.prisma)).toEqual({ ok: true });
    expect(await enrollPractice(practice.id, { staff: "Grace Kim" }, db.prisma)).toMatchObject({ ok: false });
    expect((await waitingForHospital(db.prisma)).withoutAdmin.find((entry) => entry.id === practice.id)).toBeDefined();
    expect(await approveMembership(founder.id, staff, db.prisma)).toEqual({ ok: true });
    expect(await makeSiteAdmin(founder.id, staff, db.prisma)).toEqual({ ok: true });
    expect(await practiceForAdmin(founder.id, db.prisma)).toMatchObject({ id: practice.id });
    expect(await db.prisma.auditEvent.count({ where: { actorType: "STAFF", actorId: "Grace Kim", action: { in: ["practice.enroll", "membership.approve", "membership.make_site_admin"] } } })).toBe(3);
  });

  it("lets staff disable a provider, which ends their sessions at once, and enable them again", async () => {
    const provider = await createProvider(db.prisma);
    const { secret } = await db.prisma.$transaction((tx) => createSession(tx, { portal: "mypatients", providerId: provider.id }, new Date()));
    expect(await disableProvider(provider.id, { staff: "Grace Kim" }, db.prisma)).toEqual({ ok: true });
    expect(await validateSession(db.prisma, "mypatients", secret, new Date())).toBeNull();
    expect(await db.prisma.session.count({ where: { providerId: provider.id, revokedAt: null } })).toBe(0);
    expect(await enableProvider(provider.id, { staff: "Grace Kim" }, db.prisma)).toEqual({ ok: true });
    expect((await db.prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })).status).toBe("ACTIVE");
    expect(await db.prisma.auditEvent.count({ where: { actorId: "Grace Kim", action: { in: ["provider.disable", "provider.enable"] }, details: { path: ["providerId"], equals: provider.id } } })).toBe(2);
  });

  it("keeps grants a family made to a provider whose membership is still waiting", async () => {
    const { newcomer } = await practiceWithNewcomer();
    const otherPcp = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: otherPcp.id });
    await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    await createGrant(db.prisma, { providerId: newcomer.id, patientId: patient.id, source: "TOKEN" });
    expect(await canView(newcomer.id, patient.id)).toBe(true);
  });

  it("lets hospital staff do the same on the command line, each command audited with the operator's name", async () => {
    const practice = await createPractice(db.prisma, "PRIMARY_CARE", "PENDING");
    const founder = await createProvider(db.prisma, { practiceId: practice.id, membership: "PENDING" });
    const admin = (...args: string[]) => runScript("scripts/admin.ts", args, { DATABASE_URL: db.url });
    const by = ["--by", "Grace Kim"];

    const waiting = await admin("providers", "waiting");
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain(practice.name);
    expect(waiting.stdout).toContain(founder.email);

    expect((await admin("practice", "enroll", "--practice", practice.name, "--kind", "PRIMARY_CARE", ...by)).code).toBe(0);
    expect((await admin("provider", "approve", "--email", founder.email, ...by)).code).toBe(0);
    expect((await admin("provider", "make-site-admin", "--email", founder.email, ...by)).code).toBe(0);
    expect((await admin("staff", "add", "--email", `Staff-${Date.now()}@Hospital.Example`, "--name", "New Staff", ...by)).code).toBe(0);
    const disabled = await admin("provider", "disable", "--email", founder.email, ...by);
    expect(disabled.stdout).toContain("sessions have ended");

    const refused = await admin("provider", "approve", "--email", founder.email);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^admin: --by: /);

    const actions = await db.prisma.auditEvent.findMany({ where: { actorType: "STAFF", actorId: "Grace Kim", occurredAt: { gte: new Date(Date.now() - 120_000) } }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual(expect.arrayContaining(["practice.enroll", "membership.approve", "membership.make_site_admin", "staff.add", "provider.disable"]));
    expect(await db.prisma.provider.findUniqueOrThrow({ where: { id: founder.id } })).toMatchObject({ membershipStatus: "APPROVED", membershipRole: "SITE_ADMIN", status: "DISABLED" });
  }, 240_000); // seven runs of the command, each a process of its own
});
