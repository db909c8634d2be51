import { describe, expect, it } from "vitest";
import { csvDataUrl, skippedRowsCsv } from "../../app/features/lawmakers/skipped-csv.server";
import { parseCsv } from "../../app/lib/csv-import.server";

const rows = (csv: string) => parseCsv(csv.replace(/^\uFEFF/, "")).map((record) => record.cells);

describe("the skipped rows' CSV", () => {
  it("is nothing when nothing was skipped", async () => {
    expect(await skippedRowsCsv(["name"], [], "en")).toBeNull();
  });

  it("keeps every row under the file's first line, padded or cut, with its errors in words", async () => {
    const csv = (await skippedRowsCsv(
      ["name", "body", "email"],
      [
        { line: 2, cells: ["Short"], errors: ["row.columns", "body.required"] },
        { line: 3, cells: ["Long", "Senate", "a@b.org", "extra"], errors: ["row.columns"] },
        { line: 4, cells: ["Twice", "Senate", "a@b.org"], errors: ["email.duplicate"], duplicateOf: 3 },
      ],
      "en",
    ))!;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(rows(csv)).toEqual([
      ["name", "body", "email", "errors"],
      ["Short", "", "", "This row does not have as many cells as the first line. The body is missing."],
      ["Long", "Senate", "a@b.org", "This row does not have as many cells as the first line."],
      ["Twice", "Senate", "a@b.org", "The same e-mail address is already on line 3."],
    ]);
  });

  it("neutralises formulas, header included, and quotes line breaks and quotes", async () => {
    const csv = (await skippedRowsCsv(
      ["=name", "body"],
      [{ line: 2, cells: ["@SUM(A1)", 'two\r\nlines "quoted"'], errors: ["name.formula"] }],
      "fr",
    ))!;
    const [header, row] = rows(csv);
    expect(header).toEqual(["'=name", "body", "errors"]);
    expect(row[0]).toBe("'@SUM(A1)");
    expect(row[1]).toBe('two\r\nlines "quoted"');
    expect(row[2]).toContain("formule");
    expect(csv).toContain('"two\r\nlines ""quoted"""');
  });

  it("travels as a base64 data: URL that decodes to the same text", () => {
    const url = csvDataUrl("\uFEFFname,errors\r\nÉlodie,x\r\n");
    expect(url).toMatch(/^data:text\/csv;charset=utf-8;base64,[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(url.split(",")[1], "base64").toString("utf8")).toBe("\uFEFFname,errors\r\nÉlodie,x\r\n");
  });
});
