/**
 * `npm run letters:scrub`: one pass of the privacy scrub of letters to lawmakers (after removing
 * unconfirmed letters whose link expired), then exit.
 */
import { expireUnconfirmedSenders } from "../app/features/campaigns/pending.server";
import { scrubLetters } from "../app/features/campaigns/scrub.server";
import { loadConfig } from "../app/config.server";
import { closeDatabase, getDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

await migrateToLatest(getDatabase());
try {
  const expired = await expireUnconfirmedSenders();
  process.stdout.write(`removed ${expired} senders who did not confirm in time\n`);
  const result = await scrubLetters();
  process.stdout.write(
    `scrubbed ${result.senders} senders and ${result.letters} letters done more than ${loadConfig().letterScrubDays} days ago\n`,
  );
} finally {
  await closeDatabase();
}
