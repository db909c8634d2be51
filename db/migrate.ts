import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DatabaseHandle } from "./connection";
import { migrations } from "./migrations";

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly handle: DatabaseHandle) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const { dialect } = this.handle;
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [
        name,
        {
          up: (db: Kysely<unknown>) => m.up(db, dialect),
          down: m.down ? (db: Kysely<unknown>) => m.down!(db, dialect) : undefined,
        },
      ]),
    );
  }
}

/** Applies every pending migration; throws (with the failing migration's name) on error. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider: new CodeMigrationProvider(handle) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
