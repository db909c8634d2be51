import { db } from "../../../db/connection";
import { all, staffOnly, type MatrixArea } from "./expectations";

/** The lawmaker directory, its import and edit pages are staff work; the open data is public. */
export const area: MatrixArea = {
  entries: {
    "routes/lawmakers._index": { path: "/lawmakers", expect: staffOnly },
    "routes/lawmakers.import": { path: "/lawmakers/import", expect: staffOnly },
    "routes/lawmakers.$id": { path: "/lawmakers/:lawmaker", expect: staffOnly },
    "routes/api.v1.lawmakers": { path: "/api/v1/lawmakers", expect: all(200) },
  },
  notFound: [
    { path: "/lawmakers/999999", as: "staff" },
    { path: "/lawmakers/not-a-number", as: "staff" },
  ],
  setup: async () => {
    // A demo lawmaker (the demo seed always has some).
    const lawmaker = await db.selectFrom("lawmakers").select("id").orderBy("id").executeTakeFirstOrThrow();
    return { lawmaker: String(lawmaker.id) };
  },
};
