import type { Transaction } from "kysely";
import type { Database } from "~db/schema";
import { loadConfig } from "~/config.server";
import { getFixedT } from "~/i18n/i18next.server";
import { queueEmail } from "~/features/email/outbox.server";
import type { Classification, Outcome } from "~/lib/vocabularies";

type Change =
  | { kind: "step"; id: number; classification: Classification; date: string; note: string | null }
  | { kind: "outcome"; id: number; outcome: Outcome; date: string; note: string | null }
  /** A recorded step corrected or removed; the id makes the mail's key (one per correction). */
  | { kind: "correction" | "removal"; id: string; classification: Classification; date: string; note: string | null };

/**
 * Queues one e-mail per follower of the threat or of its country (never the person who made the
 * change), in the same transaction as the change.
 */
export async function notifyFollowers(
  trx: Transaction<Database>,
  { threatId, actorId, change }: { threatId: number; actorId: number; change: Change },
): Promise<number> {
  const threat = await trx
    .selectFrom("threats")
    .select(["slug", "title", "jurisdiction_code"])
    .where("id", "=", threatId)
    .executeTakeFirstOrThrow();
  const followers = await trx
    .selectFrom("users")
    .select(["users.id", "users.name", "users.email", "users.locale"])
    .where("users.status", "=", "active")
    .where("users.id", "!=", actorId)
    .where("users.id", "in", (eb) =>
      eb
        .selectFrom("follows")
        .select("follows.user_id")
        .where((w) =>
          w.or([w("follows.threat_id", "=", threatId), w("follows.jurisdiction_code", "=", threat.jurisdiction_code)]),
        ),
    )
    .execute();
  const { appUrl } = loadConfig();
  for (const follower of followers) {
    const t = await getFixedT(follower.locale, "threats");
    const changeLabel =
      change.kind === "outcome"
        ? t("outcomeChange", { outcome: t(`outcome.${change.outcome}`) })
        : change.kind === "step"
          ? t(`classification.${change.classification}`)
          : t(`corrections.${change.kind}`, { step: t(`classification.${change.classification}`) });
    await queueEmail(trx, {
      template: "threat-update",
      to: follower.email,
      locale: follower.locale,
      props: {
        name: follower.name,
        threatTitle: threat.title,
        changeLabel,
        date: change.date,
        note: change.note,
        threatUrl: `${appUrl}/threats/${threat.slug}`,
        followsUrl: `${appUrl}/account/follows`,
      },
      idempotencyKey: `threat-${change.kind}:${change.id}:user:${follower.id}`,
    });
  }
  return followers.length;
}
