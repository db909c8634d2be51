/**
 * Hostile form values: huge, unicode, control characters, markup and SQL-looking text, numbers out
 * of range; forms with missing, duplicated, unknown fields and wrong intents.
 */
import fc from "fast-check";

/** Markup the answers must never echo as is: each contains one of MARKERS below. */
export const MARKUP = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "javascript:alert(1)",
];
/** What an unescaped echo of MARKUP looks like in an HTML answer. */
export const MARKERS = ["<script>alert(", "<img src=x onerror", "<svg onload", `href="javascript:`];

const SQL = [
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  "' OR '1'='1'; DELETE FROM audit_log; --",
  "1; UPDATE users SET role='admin'",
  "%' AND 1=0 UNION SELECT password_hash FROM users --",
];

const UNICODE = [
  "\u202eevil\u202c", // right-to-left override
  "مرحبا بالعالم", // Arabic (RTL)
  "שלום",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0301\u0301\u0301", // stacked combining marks
  "Z̴̡̛͓̈a̷̢̛͖l̸̰̈́g̵̱͝o̶͎͌",
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[31m",
  "\r\n",
  "line\r\nInjected-Header: yes",
  "\u2028\u2029",
  "\ufeff",
  "\ud800", // a lone surrogate (sent as U+FFFD)
  "%00",
  "{{lawmaker.name}}",
  "${process.env}",
  "../../etc/passwd",
];

const NUMBERS = [
  "0",
  "-1",
  "1e3",
  "1e308",
  "NaN",
  "Infinity",
  "9".repeat(40),
  "9007199254740993",
  "0x10",
  "1.5",
  "-0",
  "2026-02-30",
  "0000-00-00",
  "9999-99-99",
];

/** 100 kB and more: one of a few shapes repeated. */
const huge = fc
  .tuple(
    fc.constantFrom("a", "é", "😀", "<script>alert(1)</script>", "' OR 1=1 --\r\n", "\u0000"),
    fc.integer({ min: 100_000, max: 140_000 }),
  )
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

export const nasty = fc.constantFrom(...MARKUP, ...SQL, ...UNICODE, ...NUMBERS, "", " ");

/** One hostile value; sometimes a plausible one from the page (a select's option, a default). */
export function value(plausible: string[]): fc.Arbitrary<string> {
  const options: Array<fc.Arbitrary<string>> = [
    nasty,
    nasty,
    fc.string({ maxLength: 40 }),
    fc.fullUnicodeString({ maxLength: 30 }),
    fc.tuple(nasty, nasty).map(([a, b]) => a + b),
    fc.integer().map(String),
    fc.emailAddress(),
    fc.tuple(fc.emailAddress(), nasty).map(([e, n]) => e + n),
    fc.webUrl(),
  ];
  if (plausible.length) options.push(fc.constantFrom(...plausible), fc.constantFrom(...plausible));
  return fc.oneof({ arbitrary: fc.oneof(...options), weight: 20 }, { arbitrary: huge, weight: 1 });
}

/** Field names Conform reads as paths: huge indexes, deep nesting, prototype keys. */
const ODD_NAMES = [
  "__proto__",
  "__proto__.polluted",
  "constructor.prototype.polluted",
  "role",
  "id",
  "x[]",
  "",
  "x[99999999]",
  "texts[99999999].title",
  "items[4294967295]",
  `a${".a".repeat(3000)}`,
  `a${"[0]".repeat(3000)}`,
];

/** Conform's list and update intents, forged. */
const FORGED_INTENTS = [
  '{"type":"insert","payload":{"name":"texts","index":99999999}}',
  '{"type":"update","payload":{"name":"texts","index":99999999,"value":"x"}}',
  '{"type":"remove","payload":{"name":"title","index":0}}',
  '{"type":"reorder","payload":{"name":"texts","from":0,"to":99999999}}',
  '{"type":"reset","payload":{"name":"__proto__"}}',
  '{"type":"validate","payload":{}}',
  '{"type":1}',
  "null",
  "[]",
  "{",
];

export interface FormShape {
  /** Field name → plausible values (from the page's options and defaults; may be empty). */
  fields: Map<string, string[]>;
  intents: string[];
}

/**
 * A list of (name, value) pairs: any subset of the known fields, sometimes one twice, sometimes an
 * unknown field, and an intent that is known, hostile or missing.
 */
export function formArbitrary(shape: FormShape): fc.Arbitrary<Array<[string, string]>> {
  const names = [...shape.fields.keys()].filter((n) => n !== "intent");
  const pair = (name: string) => value(shape.fields.get(name) ?? []).map((v): [string, string] => [name, v]);
  const known = names.length
    ? fc.subarray(names).chain((chosen) => (chosen.length ? fc.tuple(...chosen.map(pair)) : fc.constant([])))
    : fc.constant([]);
  const duplicate = names.length ? fc.option(fc.constantFrom(...names).chain(pair), { freq: 4 }) : fc.constant(null);
  const unknown = fc.option(
    fc.oneof(
      fc.tuple(fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ maxLength: 12 })), value([])),
      fc.tuple(fc.constantFrom("__intent__", "__state__"), fc.oneof(fc.constantFrom(...FORGED_INTENTS), value([]))),
    ),
    { freq: 5 },
  );
  const intent = fc.oneof(
    { arbitrary: fc.constantFrom(...(shape.intents.length ? shape.intents : ["x"])), weight: 6 },
    { arbitrary: value([]), weight: 2 },
    { arbitrary: fc.constant(null), weight: 2 },
  );
  return fc.tuple(known, duplicate, unknown, intent).map(([pairs, dup, extra, chosenIntent]) => {
    const form: Array<[string, string]> = [...(pairs as Array<[string, string]>)];
    if (dup) form.push(dup);
    if (extra) form.push(extra);
    if (chosenIntent !== null && (shape.intents.length || chosenIntent !== "x")) form.push(["intent", chosenIntent]);
    return form;
  });
}

export const runs = (fallback: number): number => {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
};
