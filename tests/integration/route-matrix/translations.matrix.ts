import { db } from "../../../db/connection";
import { staffOnly, type MatrixArea } from "./expectations";

// Versions of staff content in other languages: the staff's alone.
export const area: MatrixArea = {
  entries: {
    "routes/staff.translations._index": { path: "/staff/translations", expect: staffOnly },
    "routes/staff.translations.$type.$id.$locale": {
      path: "/staff/translations/threat/:translatedThreat/fr",
      expect: staffOnly,
    },
  },
  notFound: [{ path: "/staff/translations/threat/99999999/fr", as: "staff" }],
  setup: async () => {
    const threat = await db.selectFrom("threats").select("id").orderBy("id").executeTakeFirstOrThrow();
    return { translatedThreat: String(threat.id) };
  },
};
