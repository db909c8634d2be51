/**
 * The staff inbox: for each review queue, how many items wait and since when the oldest has been
 * waiting. Each feature counts its own queue (one aggregate query on an index); this module only
 * puts them together, in the order staff read them, with the page each one links to.
 */
import { actionsWaiting } from "~/features/actions/review.server";
import { applicationsWaiting } from "~/features/coalition/applications.server";
import { memberChangesWaiting } from "~/features/coalition/member-changes.server";
import { failedMailWaiting } from "~/features/email/outbox.server";
import { eventsWaiting } from "~/features/events/review.server";
import { flaggedSignaturesWaiting } from "~/features/letters/moderation.server";
import { proposalsWaiting } from "~/features/threats/proposals.server";
import type { InboxQueueKey, Waiting } from "~/lib/waiting";

export type { InboxQueueKey } from "~/lib/waiting";

export interface InboxQueue extends Waiting {
  key: InboxQueueKey;
  /** The queue's page (a path). */
  href: string;
}

export async function staffInbox(): Promise<InboxQueue[]> {
  const [actions, events, applications, proposals, nameChanges, signatures, mail] = await Promise.all([
    actionsWaiting(),
    eventsWaiting(),
    applicationsWaiting(),
    proposalsWaiting(),
    memberChangesWaiting(),
    flaggedSignaturesWaiting(),
    failedMailWaiting(),
  ]);
  const { letterSlug, ...flagged } = signatures;
  return [
    { key: "actions", href: "/staff/actions", ...actions },
    { key: "events", href: "/staff/events", ...events },
    { key: "applications", href: "/staff/applications", ...applications },
    { key: "proposals", href: "/staff/proposals", ...proposals },
    { key: "nameChanges", href: "/staff/name-changes", ...nameChanges },
    {
      key: "signatures",
      href: letterSlug ? `/staff/letters/${encodeURIComponent(letterSlug)}/signatures` : "/letters",
      ...flagged,
    },
    { key: "mail", href: "/staff/mail?status=failed", ...mail },
  ];
}

/** Everything waiting, for the navigation's badge. */
export async function waitingTotal(): Promise<number> {
  const queues = await staffInbox();
  return queues.reduce((sum, queue) => sum + queue.count, 0);
}
