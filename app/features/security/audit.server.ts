import type { Kysely, Transaction } from "kysely";
import { db } from "~db/connection";
import type { Database } from "~db/schema";

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELDS = new Set(["password_hash", "token_hash", "secret_hash"]);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) => (SECRET_FIELDS.has(key) ? "[redacted]" : v));
}

function auditRow(entry: AuditEntry, now: string) {
  return {
    actor_user_id: entry.actorUserId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    before_json: snapshot(entry.before),
    after_json: snapshot(entry.after),
    created_at: now,
    updated_at: now,
  };
}

/** Records a privileged write; call it in the same transaction as the write. */
export async function recordAudit(
  executor: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  await executor.insertInto("audit_log").values(auditRow(entry, new Date().toISOString())).execute();
}

/** Records many writes at once (bulk imports): a few multi-row inserts instead of one per entry. */
export async function recordAudits(
  executor: Kysely<Database> | Transaction<Database>,
  entries: AuditEntry[],
): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < entries.length; i += AUDIT_BATCH) {
    const rows = entries.slice(i, i + AUDIT_BATCH).map((entry) => auditRow(entry, now));
    await executor.insertInto("audit_log").values(rows).execute();
  }
}

// Rows per multi-row insert: well under both SQLite's and PostgreSQL's limits on bound parameters.
const AUDIT_BATCH = 500;

export const AUDIT_PER_PAGE = 50;

export async function listAudit(page: number) {
  const base = db;
  const [rows, count] = await Promise.all([
    base
      .selectFrom("audit_log")
      .leftJoin("users", "users.id", "audit_log.actor_user_id")
      .select([
        "audit_log.id",
        "audit_log.action",
        "audit_log.entity_type",
        "audit_log.entity_id",
        "audit_log.before_json",
        "audit_log.after_json",
        "audit_log.created_at",
        "users.name as actor_name",
      ])
      .orderBy("audit_log.id", "desc")
      .limit(AUDIT_PER_PAGE)
      .offset((page - 1) * AUDIT_PER_PAGE)
      .execute(),
    base
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The audit trail of one record, oldest first (a threat's "history"). */
export async function listEntityHistory(entityType: string, entityId: string | number) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.id", "audit_log.action", "audit_log.created_at", "users.name as actor_name"])
    .where("audit_log.entity_type", "=", entityType)
    .where("audit_log.entity_id", "=", String(entityId))
    .orderBy("audit_log.id")
    .limit(500)
    .execute();
}
