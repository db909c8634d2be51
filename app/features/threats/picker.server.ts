import { db } from "~db/connection";
import { PICKER_QUERY, pickerOptions, type PickerOption } from "~/features/threats/picker";

/** Every threat as a picker option (title, with identifier and year where titles repeat). */
export async function listThreatPickerOptions(): Promise<PickerOption[]> {
  const rows = await db
    .selectFrom("threats")
    .select(["id", "slug", "title", "short_name", "identifier", "jurisdiction_code", "first_seen_on"])
    .limit(5000)
    .execute();
  return pickerOptions(rows);
}

/** The picker's search from the page's address (`?threat_q=`), bounded. */
export function pickerQuery(request: Request): string {
  return (new URL(request.url).searchParams.get(PICKER_QUERY) ?? "").slice(0, 200);
}
