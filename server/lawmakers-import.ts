/**
 * `npm run lawmakers:import -- <file.csv|file.json> [--dry-run] [--skip-invalid [--skipped=<out.csv>]]
 * [--legislature=<id or name>] [--jurisdiction=<code>]`: the staff import from the command line
 * (our columns, the US Congress list, or Popolo JSON: a `.json` file, or one starting with `{`;
 * `--legislature` and `--jurisdiction` as on the page), with the same checks,
 * report, modes and single transaction as `/lawmakers/import`. All or nothing unless
 * `--skip-invalid`, which imports the valid rows and can write the skipped ones, with their errors,
 * to `--skipped`. Audited with no user. Exits 1 when the file has errors (and nothing was imported).
 */
import fs from "node:fs";
import { MAX_IMPORT_BYTES } from "../app/features/lawmakers/constants";
import { checkImport, hasErrors, importLawmakers, type ImportReport } from "../app/features/lawmakers/import.server";
import { skippedRowsCsv } from "../app/features/lawmakers/skipped-csv.server";
import { importOptionsOf } from "../app/features/lawmakers/import-read";
import { decodeCsv } from "../app/lib/csv-import.server";
import { closeDatabase, getDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedReferenceData } from "../db/seeds/reference";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const mode = args.includes("--skip-invalid") ? "skip" : "all";
const skippedOut = args.find((arg) => arg.startsWith("--skipped="))?.slice("--skipped=".length);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? "";
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  process.stderr.write(
    "usage: npm run lawmakers:import -- <file.csv|file.json> [--dry-run] [--skip-invalid [--skipped=<out.csv>]] [--legislature=<id or name>] [--jurisdiction=<code>]\n",
  );
  process.exit(2);
}
const options = importOptionsOf({
  format: file.toLowerCase().endsWith(".json") ? "popolo" : "auto",
  legislature: option("legislature"),
  jurisdiction: option("jurisdiction"),
});

function print(report: ImportReport): void {
  for (const error of report.fileErrors) {
    process.stdout.write(
      `file: ${error.code}${error.line ? ` (line ${error.line})` : ""}${error.columns ? `: ${error.columns.join(", ")}` : ""}${error.detail ? `: ${error.detail}` : ""}\n`,
    );
  }
  for (const row of report.rows) {
    if (row.errors.length || row.notes.length) {
      const dup = row.duplicateOf ? ` (see line ${row.duplicateOf})` : "";
      process.stdout.write(`line ${row.line} ${row.name}: ${[...row.errors, ...row.notes].join(", ")}${dup}\n`);
    }
  }
  const { rows, create, update, unchanged, errors, noContact } = report.summary;
  const popolo = report.popolo;
  const format =
    report.format === "us_congress"
      ? " (US Congress format detected)"
      : popolo
        ? ` (Popolo JSON: ${popolo.legislature.name}, ${popolo.jurisdiction}; ${popolo.persons} persons, ${popolo.leftOut} without a current membership left out)`
        : "";
  process.stdout.write(
    `${rows} rows${format}: ${create} to create, ${update} to update, ${unchanged} unchanged, ${errors} with errors, ${noContact} with no contact yet\n`,
  );
}

await migrateToLatest(getDatabase());
// The jurisdictions the rows are checked against.
await seedReferenceData(getDatabase().db);
let failed = false;
try {
  const decoded = decodeCsv(fs.readFileSync(file), MAX_IMPORT_BYTES);
  if (!decoded.ok) {
    process.stdout.write(`file: ${decoded.error.code}\n`);
    failed = true;
  } else if (dryRun) {
    const report = await checkImport(decoded.text, options);
    print(report);
    // Skipping, rows with errors would be left out: only a file the reader refuses fails.
    failed = mode === "skip" ? report.fileErrors.length > 0 : hasErrors(report);
  } else {
    const started = performance.now();
    const outcome = await importLawmakers(null, decoded.text, mode, options);
    print(outcome.report);
    if (outcome.ok) {
      const ms = Math.round(performance.now() - started);
      process.stdout.write(
        `imported in ${ms} ms: ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.skipped.length} skipped\n`,
      );
      const csv = skippedOut ? await skippedRowsCsv(outcome.header, outcome.skipped, "en") : null;
      if (skippedOut && csv) {
        fs.writeFileSync(skippedOut, csv);
        process.stdout.write(`skipped rows written to ${skippedOut}\n`);
      }
    } else {
      process.stdout.write("nothing imported\n");
      failed = true;
    }
  }
} finally {
  await closeDatabase();
}
process.exit(failed ? 1 : 0);
