import { z } from "zod";

/** The account page's digest checkbox: ticked ("on") or absent; anything else is refused. */
export const StaffDigestSchema = z.object({
  digest: z.boolean().optional().default(false),
});
