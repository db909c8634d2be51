/** Bulk confirmed signatures for the benchmarks (bench/sign.ts, bench/growth.ts). */
import SQLite from "better-sqlite3";

/** Adds `count` confirmed individual signatures to the letter and sets its counts, in one transaction. */
export function seedConfirmed(file: string, letterId: number, count: number) {
  const sqlite = new SQLite(file);
  sqlite.pragma("busy_timeout = 10000");
  const codes = ["FR", "BR", "US", "KE", "IN", "DE", "GB", "CA", "AU", "ZA", "MX", "JP", "NG", "AR", "ES"];
  const insert = sqlite.prepare(
    `insert into signatures (letter_id, version, kind, name, affiliation, jurisdiction_code, email, email_normalised,
       show_publicly, status, confirmed_at, created_at, updated_at)
     values (?, 1, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)`,
  );
  const started = performance.now();
  sqlite.transaction(() => {
    const base = Date.now() - count * 1000;
    for (let i = 0; i < count; i++) {
      const at = new Date(base + i * 1000).toISOString();
      const organisation = i % 50 === 0;
      const email = organisation ? null : `seeded-${i}@bench.example.org`;
      insert.run(
        letterId,
        organisation ? "organisation" : "individual",
        organisation ? `Bench Organisation ${i}` : `Seeded Signer ${i}`,
        organisation ? null : "Somewhere",
        codes[i % codes.length],
        email,
        email,
        i % 3 === 0 ? 0 : 1,
        at,
        at,
        at,
      );
    }
    sqlite
      .prepare(
        "update open_letters set confirmed_count = (select count(*) from signatures where letter_id = ? and status = 'confirmed') where id = ?",
      )
      .run(letterId, letterId);
    sqlite.prepare("delete from open_letter_signature_counts where letter_id = ?").run(letterId);
    sqlite
      .prepare(
        `insert into open_letter_signature_counts (letter_id, jurisdiction_code, kind, show_publicly, "count")
         select letter_id, coalesce(jurisdiction_code, ''), kind, show_publicly, count(*) from signatures
         where letter_id = ? and status = 'confirmed' group by letter_id, jurisdiction_code, kind, show_publicly`,
      )
      .run(letterId);
  })();
  sqlite.close();
  return (performance.now() - started) / 1000;
}
