import pg from "pg";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { useDatabase } from "../support/use-database.ts";

// SPEC §7: audit events cannot be changed or deleted; the database itself refuses UPDATE and DELETE.
describe("the append-only audit trail", () => {
  const db = useDatabase({ demo: true });

  async function oneEvent() {
    await db.prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "SYSTEM" }, action: "auth.sign_in", outcome: "FAILURE", details: { note: "original" } }));
    return db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
  }

  async function unchanged(event: { id: bigint; action: string; details: unknown }) {
    const now = await db.prisma.auditEvent.findUnique({ where: { id: event.id } });
    expect(now).toMatchObject({ action: event.action, details: event.details });
  }

  it("a Prisma call (the app's own client) cannot update or delete an event", async () => {
    const event = await oneEvent();
    await expect(db.prisma.auditEvent.update({ where: { id: event.id }, data: { action: "record.view" } })).rejects.toThrow(/audit events cannot be changed or deleted/);
    await expect(db.prisma.auditEvent.updateMany({ data: { outcome: "SUCCESS" } })).rejects.toThrow(/cannot be changed/);
    await expect(db.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/cannot be changed/);
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/cannot be changed/);
    await unchanged(event);
  });

  it("a raw SQL statement cannot update, delete or truncate the events", async () => {
    const event = await oneEvent();
    const count = await db.prisma.auditEvent.count();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE "AuditEvent" SET action = 'x' WHERE id = $1`, [event.id.toString()])).rejects.toThrow(/UPDATE refused/);
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [event.id.toString()])).rejects.toThrow(/DELETE refused/);
      await expect(client.query(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/TRUNCATE refused/);
      await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/cannot be changed/);
    } finally {
      await client.end();
    }
    await unchanged(event);
    expect(await db.prisma.auditEvent.count()).toBe(count);
  });

  it("the app cannot erase a patient's trail indirectly: deleting an audited patient is refused, and a change that tries it rolls back whole", async () => {
    const patient = await db.prisma.patient.findUniqueOrThrow({ where: { mrn: "1000001" } });
    await db.prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "SYSTEM" }, action: "record.view", outcome: "SUCCESS", patientId: patient.id }));
    const before = await db.prisma.auditEvent.count({ where: { patientId: patient.id } });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await recordAudit(tx, { actor: { type: "SYSTEM" }, action: "record.view", outcome: "SUCCESS", patientId: patient.id });
        await tx.allergy.deleteMany({ where: { patientId: patient.id } });
        await tx.auditEvent.updateMany({ where: { patientId: patient.id }, data: { patientId: null } });
      }),
    ).rejects.toThrow(/cannot be changed/);
    expect(await db.prisma.auditEvent.count({ where: { patientId: patient.id } })).toBe(before);
    expect(await db.prisma.allergy.count({ where: { patientId: patient.id } })).toBeGreaterThan(0);
  });

  it("new events can still be written", async () => {
    const before = await db.prisma.auditEvent.count();
    await oneEvent();
    expect(await db.prisma.auditEvent.count()).toBe(before + 1);
  });
});
