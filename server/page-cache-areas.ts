/**
 * Which cached pages a write can change. Cached pages belong to an area (the first part of their
 * path; the API and the feeds to the area they publish); a write names the areas it can change,
 * by the part of the app it was sent to. A write the table does not know empties everything.
 */

/** An area of cached pages: "threats", "letters", "home", … */
export type Area = string;

const API_AREAS: Record<string, Area> = {
  threats: "threats",
  jurisdictions: "countries",
  letters: "letters",
  events: "events",
  coalition: "coalition",
  targets: "targets",
  reports: "reports",
  lawmakers: "campaigns",
};

/** The area of a cached page's path. */
export function areaOf(path: string): Area {
  const [first = "", second = "", third = ""] = path.split("/").filter(Boolean);
  if (!first) return "home";
  if (first === "api" && second === "v1") return API_AREAS[third.split(".")[0]] ?? "api";
  if (first === "feeds") return "threats";
  return first.split(".")[0];
}

/**
 * The home page, the targets and the yearly reports (which count threats, members, events, actions
 * and letters; a published report notes when its rows were revised) show figures from every part
 * of the app.
 */
const SUMMARIES: Area[] = ["home", "targets", "reports", "embed"];

const WRITES: Record<string, Area[]> = {
  threats: ["threats", "countries", ...SUMMARIES],
  statements: ["threats", "countries", ...SUMMARIES],
  countries: ["countries", ...SUMMARIES],
  coalition: ["coalition", "countries", ...SUMMARIES],
  letters: ["letters", ...SUMMARIES],
  campaigns: ["campaigns", ...SUMMARIES],
  lawmakers: ["campaigns"],
  events: ["events", "countries", ...SUMMARIES],
  chapters: ["chapters", "countries", ...SUMMARIES],
  actions: ["chapters", "countries", ...SUMMARIES],
  targets: ["targets", "home", "reports"],
  // Delivery reports change a campaign's sent and delivered counts.
  webhooks: ["campaigns", ...SUMMARIES],
  // Signing in or out, the language, invitations and one's own account change no public page.
  login: [],
  logout: [],
  locale: [],
  account: [],
  "forgot-password": [],
  "reset-password": [],
  invitations: [],
};

/** A version of staff content in another language changes the pages that show that content. */
const TRANSLATIONS: Record<string, Area[]> = {
  threat: WRITES.threats,
  letter: WRITES.letters,
  event: WRITES.events,
  target: WRITES.targets,
};

/** The areas a successful write to `path` can change, or "all". */
export function areasWrittenBy(path: string): Area[] | "all" {
  const [first = "", second = "", third = ""] = path.split("/").filter(Boolean);
  if (first === "staff" && second === "translations")
    return Object.hasOwn(TRANSLATIONS, third) ? TRANSLATIONS[third] : "all";
  const name = first.replace(/_$/, "").split(".")[0];
  return Object.hasOwn(WRITES, name) ? WRITES[name] : "all";
}
