/** Demo events of the 2024 Global Encryption Day edition, behind the reach target. ILLUSTRATIVE. */
import type { EventKind } from "../db/schema";

const CH = {
  kenya: "Kenya Chapter",
  nigeria: "Nigeria Chapter",
  benin: "Benin Chapter",
  ghana: "Ghana Chapter",
  bolivia: "Bolivia Chapter",
  sig: "Encryption Special Interest Group",
};
const DEMO_ORG = "Open Networks Foundation (demo)";

export interface DemoEvent {
  slug: string;
  title: string;
  kind: EventKind;
  organiser: string;
  jurisdiction: string;
  city: string | null;
  online: boolean;
  startsLocal: string;
  endsLocal: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  status: "approved" | "submitted";
  report?: { attendance: number; onlineViews: number; mediaReach: number };
}

/** Events of the 2024 edition (21 October 2024); reports are distinct audiences. */
export const DEMO_2024_EVENTS: DemoEvent[] = [
  {
    slug: "ged-2024-nairobi-signing",
    title: "Open-letter signing in Nairobi",
    kind: "letter_signing",
    organiser: CH.kenya,
    jurisdiction: "KE",
    city: "Nairobi",
    online: false,
    startsLocal: "2024-10-21T10:00",
    endsLocal: "2024-10-21T13:00",
    timezone: "Africa/Nairobi",
    startsAt: "2024-10-21T07:00:00.000Z",
    endsAt: "2024-10-21T10:00:00.000Z",
    status: "approved",
    report: { attendance: 180, onlineViews: 4_200, mediaReach: 350_000 },
  },
  {
    slug: "ged-2024-lagos-training",
    title: "Encryption training for journalists",
    kind: "training",
    organiser: CH.nigeria,
    jurisdiction: "NG",
    city: "Lagos",
    online: false,
    startsLocal: "2024-10-21T09:00",
    endsLocal: "2024-10-21T16:00",
    timezone: "Africa/Lagos",
    startsAt: "2024-10-21T08:00:00.000Z",
    endsAt: "2024-10-21T15:00:00.000Z",
    status: "approved",
    report: { attendance: 65, onlineViews: 1_800, mediaReach: 120_000 },
  },
  {
    slug: "ged-2024-global-webinar",
    title: "Why encryption matters: a global webinar",
    kind: "online",
    organiser: CH.sig,
    jurisdiction: "INT",
    city: null,
    online: true,
    startsLocal: "2024-10-21T14:00",
    endsLocal: "2024-10-21T16:00",
    timezone: "UTC",
    startsAt: "2024-10-21T14:00:00.000Z",
    endsAt: "2024-10-21T16:00:00.000Z",
    status: "approved",
    report: { attendance: 0, onlineViews: 48_000, mediaReach: 0 },
  },
  {
    slug: "ged-2024-la-paz-evening",
    title: "Evening talk on secure messaging",
    kind: "direct_advocacy",
    organiser: CH.bolivia,
    jurisdiction: "BO",
    city: "La Paz",
    online: false,
    startsLocal: "2024-10-21T21:00",
    endsLocal: "2024-10-21T23:30",
    timezone: "America/La_Paz",
    startsAt: "2024-10-22T01:00:00.000Z",
    endsAt: "2024-10-22T03:30:00.000Z",
    status: "approved",
    report: { attendance: 90, onlineViews: 2_500, mediaReach: 410_000 },
  },
  {
    slug: "ged-2024-berlin-media",
    title: "Press briefing: encryption and the EU",
    kind: "media",
    organiser: DEMO_ORG,
    jurisdiction: "DE",
    city: "Berlin",
    online: false,
    startsLocal: "2024-10-21T11:00",
    endsLocal: "2024-10-21T12:00",
    timezone: "Europe/Berlin",
    startsAt: "2024-10-21T09:00:00.000Z",
    endsAt: "2024-10-21T10:00:00.000Z",
    status: "approved",
    report: { attendance: 40, onlineViews: 9_000, mediaReach: 230_000 },
  },
  {
    slug: "ged-2024-accra-meetup",
    title: "Accra encryption meetup",
    kind: "other",
    organiser: CH.ghana,
    jurisdiction: "GH",
    city: "Accra",
    online: false,
    startsLocal: "2024-10-21T17:00",
    endsLocal: "2024-10-21T19:00",
    timezone: "Africa/Accra",
    startsAt: "2024-10-21T17:00:00.000Z",
    endsAt: "2024-10-21T19:00:00.000Z",
    status: "approved",
  },
  {
    slug: "ged-2024-draft-proposal",
    title: "A proposal still in review",
    kind: "other",
    organiser: CH.benin,
    jurisdiction: "BJ",
    city: "Cotonou",
    online: false,
    startsLocal: "2024-10-21T10:00",
    endsLocal: "2024-10-21T12:00",
    timezone: "Africa/Porto-Novo",
    startsAt: "2024-10-21T09:00:00.000Z",
    endsAt: "2024-10-21T11:00:00.000Z",
    status: "submitted",
  },
];
