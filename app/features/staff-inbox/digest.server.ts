/**
 * The daily digest of waiting reviews: one mail per staff member or admin who did not opt out, on
 * days when something waits, through the outbox. The idempotency key is the person and the UTC
 * day, so however often the job runs (hourly, on every instance, after a restart) nobody gets a
 * second digest that day.
 */
import { loadConfig } from "~/config.server";
import { STAFF_ROLES } from "~/features/auth/guards.server";
import { queueEmail } from "~/features/email/outbox.server";
import { runExclusive } from "~/features/jobs/exclusive.server";
import { recordAudit } from "~/features/security/audit.server";
import { logger } from "~/features/security/log.server";
import { staffInbox } from "~/features/staff-inbox/inbox.server";
import { waitingDays } from "~/lib/waiting";
import { db } from "~db/connection";
import type { User } from "~db/schema";

export function digestKey(userId: number, now: Date): string {
  return `staff-digest:${userId}:${now.toISOString().slice(0, 10)}`;
}

/** Queues today's digest for everyone who wants one; returns how many people it went to (0 when nothing waits). */
export async function sendStaffDigests(now = new Date()): Promise<number> {
  const queues = (await staffInbox()).filter((queue) => queue.count > 0);
  if (queues.length === 0) return 0;
  const recipients = await db
    .selectFrom("users")
    .select(["id", "name", "email", "locale"])
    .where("role", "in", STAFF_ROLES)
    .where("status", "=", "active")
    .where("staff_digest", "=", 1)
    .orderBy("id")
    .execute();
  const appUrl = loadConfig().appUrl;
  const total = queues.reduce((sum, queue) => sum + queue.count, 0);
  const props = {
    queues: queues.map((queue) => ({
      key: queue.key,
      count: queue.count,
      days: waitingDays(queue.oldest, now),
      url: `${appUrl}${queue.href}`,
    })),
    total,
    inboxUrl: `${appUrl}/staff`,
    accountUrl: `${appUrl}/account#digest-heading`,
  };
  for (const person of recipients) {
    await queueEmail(db, {
      template: "staff-digest",
      to: person.email,
      locale: person.locale,
      props: { ...props, name: person.name },
      idempotencyKey: digestKey(person.id, now),
    });
  }
  return recipients.length;
}

/** One scheduled run; null when another app instance is sending the digests (PostgreSQL). */
export async function staffDigestTick(now = new Date()): Promise<number | null> {
  const run = await runExclusive("staffDigest", () => sendStaffDigests(now));
  return run.ran ? run.result : null;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * At start and then every hour, once across instances: the first run of a UTC day on which
 * something waits sends that day's digests; the later ones find them queued and add nothing.
 */
export function startStaffDigestJob({ intervalMs = HOUR_MS }: { intervalMs?: number } = {}): { stop(): void } {
  const run = () =>
    staffDigestTick().then(
      (sent) => {
        if (sent) logger.info({ msg: "checked staff digests", recipients: sent });
      },
      (error: unknown) => logger.error({ msg: "staff digest failed", error: String(error) }),
    );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Whether this person gets the digest; null for those who never would (not staff). */
export function digestSetting(user: Pick<User, "role" | "staff_digest">): boolean | null {
  return STAFF_ROLES.includes(user.role) ? user.staff_digest === 1 : null;
}

/** A staff member turns their digest on or off; audited like other account changes by staff. */
export async function setStaffDigest(user: Pick<User, "id" | "staff_digest">, on: boolean): Promise<void> {
  const value = on ? 1 : 0;
  if (user.staff_digest === value) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ staff_digest: value, updated_at: new Date().toISOString() })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "user.staff_digest",
      entityType: "user",
      entityId: user.id,
      before: { staff_digest: user.staff_digest },
      after: { staff_digest: value },
    });
  });
}
