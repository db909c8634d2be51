import { all, staffOnly, type MatrixArea } from "./expectations";

/**
 * Yearly reports: a published report and its downloads are open data; an unpublished year is a
 * 404 to everyone but staff (who preview it); preparing and publishing is staff work.
 */
export const area: MatrixArea = {
  entries: {
    "routes/reports._index": { path: "/reports", expect: all(200) },
    "routes/reports.$year._index": { path: "/reports/2024", expect: all(200) },
    "routes/reports.$year.figures[.]csv": { path: "/reports/2024/figures.csv", expect: all(200) },
    "routes/reports.$year.report[.]pdf": { path: "/reports/2024/report.pdf", expect: all(200) },
    "routes/api.v1.reports.$year": { path: "/api/v1/reports/2024", expect: all(200) },
    "routes/staff.reports.$year": { path: "/staff/reports/2025", expect: staffOnly },
  },
  notFound: [
    { path: "/reports/2031", as: "anonymous" },
    { path: "/reports/2031", as: "coalition_member" },
    { path: "/reports/2031/report.pdf", as: "chapter_lead" },
    { path: "/reports/2031/figures.csv", as: "anonymous" },
    { path: "/api/v1/reports/2031", as: "staff" },
    { path: "/reports/20245", as: "staff" },
    { path: "/reports/1999", as: "staff" },
    { path: "/staff/reports/abcd", as: "staff" },
  ],
};
