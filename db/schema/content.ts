import type { Generated } from "kysely";
import type { Timestamps } from "./common";

/** A staff-written text in another language than its original (added by 0022). */
export interface ContentVersionsTable extends Timestamps {
  id: Generated<number>;
  /** "threat", "event", "target" (app/features/translations/content-types.ts). */
  entity_type: string;
  entity_id: number;
  field: string;
  locale: string;
  body: string;
  /** The original's text when this version was saved: a different original now means stale. */
  source_text: string;
  updated_by: number | null;
}
