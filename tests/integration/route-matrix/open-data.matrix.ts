import { all, type MatrixArea } from "./expectations";

/** The open-data API's description and its reference page: public. */
export const area: MatrixArea = {
  entries: {
    "routes/api.v1.openapi[.]json": { path: "/api/v1/openapi.json", expect: all(200) },
    "routes/api._index": { path: "/api", expect: all(200) },
  },
};
