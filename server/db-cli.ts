/** `npm run db:migrate` and `npm run db:seed`. */
import { loadConfig } from "../app/config.server";
import { closeDatabase, getDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../demo/demo";
import { seedReferenceData } from "../db/seeds/reference";

const command = process.argv[2];
const config = loadConfig();
const handle = getDatabase();
try {
  const applied = await migrateToLatest(handle);
  process.stdout.write(`migrated ${handle.location}: ${applied.length ? applied.join(", ") : "already up to date"}\n`);
  await seedReferenceData(handle.db);
  process.stdout.write("reference data (jurisdictions, impact properties) up to date\n");
  if (command === "seed") {
    if (config.production) throw new Error("Refusing to seed demo accounts in production.");
    await seedDemo(handle.db, config.demoPassword);
    process.stdout.write("demo data seeded (demo accounts use DEMO_PASSWORD)\n");
  } else if (command !== "migrate") {
    throw new Error(`Unknown command "${command}". Use migrate or seed.`);
  }
} finally {
  await closeDatabase();
}
