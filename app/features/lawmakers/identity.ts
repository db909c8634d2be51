import { searchable } from "~/lib/search";

/** How an import recognises a lawmaker it has seen: by e-mail, else by name + body + jurisdiction. */
export function lawmakerEmailKey(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value : null;
}

export function lawmakerMatchKey(input: { name: string; body: string; jurisdiction_code: string }): string {
  return [searchable(input.name), searchable(input.body), input.jurisdiction_code.trim().toUpperCase()].join("|");
}

export function lawmakerSearchText(input: {
  name: string;
  title?: string | null;
  body: string;
  constituency?: string | null;
  party?: string | null;
}): string {
  return searchable(input.name, input.title, input.body, input.constituency, input.party);
}

/**
 * No contact yet: neither an official e-mail nor a contact form. Derived from the two columns,
 * never stored, so that the flag goes as soon as an import or an edit gives either.
 */
export function hasNoContact(row: { email: string | null; contact_url: string | null }): boolean {
  return !row.email && !row.contact_url;
}
