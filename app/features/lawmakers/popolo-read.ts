/**
 * Reading a Popolo JSON file (the shape EveryPolitician and mySociety publish: `persons`,
 * `organizations`, `memberships`, `areas`, `posts`, `events`) safely: bounded nesting, no
 * prototype keys, and every collection the mapping reads checked for its types with Zod. What is
 * wrong with the file as a whole is a file error; a malformed person is that person's row error
 * (see popolo.ts), so that a skipping import can still take the others.
 */
import { z } from "zod";
import type { FileError } from "~/lib/csv-import.server";
import type { Result } from "~/lib/result";

/** Deeper than any Popolo file (persons[i].contact_details[j].value is 4 levels). */
export const MAX_JSON_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const MAX_TEXT = 10_000;
const text = z.string().max(MAX_TEXT);
const id = z.string().min(1).max(1000);
/** Popolo dates: YYYY, YYYY-MM or YYYY-MM-DD; an empty string is no date. */
const date = z
  .string()
  .regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/)
  .optional()
  .nullable();
const identifiers = z.array(z.object({ scheme: text.optional().nullable(), identifier: text })).max(1000);

const Organization = z.object({
  id,
  name: text.optional().nullable(),
  classification: text.optional().nullable(),
  area_id: id.optional().nullable(),
});
const Membership = z.object({
  person_id: id.optional().nullable(),
  organization_id: id.optional().nullable(),
  on_behalf_of_id: id.optional().nullable(),
  area_id: id.optional().nullable(),
  post_id: id.optional().nullable(),
  legislative_period_id: id.optional().nullable(),
  role: text.optional().nullable(),
  start_date: date,
  end_date: date,
});
const Area = z.object({ id, name: text.optional().nullable(), identifiers: identifiers.optional().nullable() });
const Post = z.object({
  id,
  label: text.optional().nullable(),
  role: text.optional().nullable(),
  organization_id: id.optional().nullable(),
  area_id: id.optional().nullable(),
});
const Event = z.object({ id, start_date: date, end_date: date });

/** One person, checked only when they are to be imported. */
export const PopoloPerson = z.object({
  id,
  name: text.optional().nullable(),
  given_name: text.optional().nullable(),
  family_name: text.optional().nullable(),
  email: text.optional().nullable(),
  contact_details: z
    .array(z.object({ type: text.optional().nullable(), value: text.optional().nullable() }))
    .max(1000)
    .optional()
    .nullable(),
  links: z
    .array(z.object({ note: text.optional().nullable(), url: text.optional().nullable() }))
    .max(1000)
    .optional()
    .nullable(),
  sources: z
    .array(z.object({ url: text.optional().nullable() }))
    .max(1000)
    .optional()
    .nullable(),
});
export type PopoloPerson = z.infer<typeof PopoloPerson>;

const collection = <T extends z.ZodTypeAny>(item: T) => z.array(item).optional().nullable();
const PopoloFile = z.object({
  persons: z.array(z.unknown()),
  organizations: collection(Organization),
  memberships: collection(Membership),
  areas: collection(Area),
  posts: collection(Post),
  events: collection(Event),
});

export interface PopoloData {
  /** As in the file, each checked when it is used. */
  persons: unknown[];
  organizations: Array<z.infer<typeof Organization>>;
  memberships: Array<z.infer<typeof Membership>>;
  areas: Array<z.infer<typeof Area>>;
  posts: Array<z.infer<typeof Post>>;
  events: Array<z.infer<typeof Event>>;
}

/** Whether a file looks like JSON rather than CSV: its first character is `{` or `[`. */
export function looksLikeJson(text: string): boolean {
  const start = /\S/.exec(text);
  return start !== null && (start[0] === "{" || start[0] === "[");
}

/** The deepest nesting of arrays and objects, counted without parsing (strings skipped). */
function depthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

class ForbiddenKey extends Error {}

/** The issue Zod found first, as a path a person can look up in the file (`memberships[3].end_date`). */
function pathOf(issue: z.ZodIssue): string {
  return issue.path.map((part, i) => (typeof part === "number" ? `[${part}]` : i ? `.${part}` : part)).join("");
}

export function readPopolo(text: string, maxPersons: number): Result<{ data: PopoloData }, { error: FileError }> {
  const refuse = (code: FileError["code"], detail?: string) => ({
    ok: false as const,
    error: detail ? { code, detail } : { code },
  });
  if (depthExceeds(text, MAX_JSON_DEPTH)) return refuse("file.too_deep");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey();
      return value;
    });
  } catch (error) {
    return refuse(error instanceof ForbiddenKey ? "file.forbidden_key" : "file.not_json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !("persons" in parsed)) {
    return refuse("popolo.not_popolo");
  }
  const persons = (parsed as { persons: unknown }).persons;
  if (Array.isArray(persons) && persons.length > maxPersons) return refuse("file.too_many_rows");
  const checked = PopoloFile.safeParse(parsed);
  if (!checked.success) return refuse("popolo.invalid", pathOf(checked.error.issues[0]));
  const file = checked.data;
  return {
    ok: true,
    data: {
      persons: file.persons,
      organizations: file.organizations ?? [],
      memberships: file.memberships ?? [],
      areas: file.areas ?? [],
      posts: file.posts ?? [],
      events: file.events ?? [],
    },
  };
}
