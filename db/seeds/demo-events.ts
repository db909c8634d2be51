import type { Kysely } from "kysely";
import { localToUtc } from "../../app/features/events/time.server";
import type { Database, EventKind, EventStatus } from "../schema";

/** Global Encryption Day is 21 October; one edition per year. */
const EDITIONS = [
  { year: 2022, theme: "Encryption keeps us safe" },
  { year: 2023, theme: "Secure messaging for everyone" },
  { year: 2024, theme: null },
  { year: 2025, theme: "Defend end-to-end encryption" },
  { year: 2026, theme: "Encryption is a human right" },
] as const;

type Organiser = { chapter: string } | { organisation: true } | { staff: string };

interface DemoEvent {
  slug: string;
  title: string;
  kind: EventKind;
  by: Organiser;
  jurisdiction: string;
  city: string | null;
  online?: boolean;
  start: string;
  end: string;
  tz: string;
  expected?: number;
  /** attendance, online views, media reach */
  report?: [number | null, number | null, number | null];
  status?: EventStatus;
  comment?: string;
  description: string;
}

const KENYA = { chapter: "Kenya Chapter" };
const COALITION = { staff: "Global Encryption Coalition" };

// Illustrative events: realistic places, times and audiences, not a record of real ones.
const EVENTS: DemoEvent[] = [
  // 2025
  {
    slug: "nairobi-encryption-clinic-for-journalists-2025",
    title: "Encryption clinic for journalists",
    kind: "training",
    by: KENYA,
    jurisdiction: "KE",
    city: "Nairobi",
    start: "2025-10-21T09:00",
    end: "2025-10-21T13:00",
    tz: "Africa/Nairobi",
    expected: 60,
    report: [48, 320, 15000],
    description: "A hands-on morning on secure messaging, device encryption and source protection for newsroom staff.",
  },
  {
    slug: "cotonou-open-letter-signing-2025",
    title: "Open letter signing at the university",
    kind: "letter_signing",
    by: { chapter: "Benin Chapter" },
    jurisdiction: "BJ",
    city: "Cotonou",
    start: "2025-10-21T10:00",
    end: "2025-10-21T16:00",
    tz: "Africa/Porto-Novo",
    expected: 300,
    report: [210, null, 4000],
    description: "Students and lecturers sign the open letter asking lawmakers to keep end-to-end encryption legal.",
  },
  {
    slug: "lagos-roundtable-with-lawmakers-2025",
    title: "Roundtable with members of the National Assembly",
    kind: "direct_advocacy",
    by: { chapter: "Nigeria Chapter" },
    jurisdiction: "NG",
    city: "Abuja",
    start: "2025-10-21T11:00",
    end: "2025-10-21T13:30",
    tz: "Africa/Lagos",
    expected: 25,
    report: [22, null, 80000],
    description: "A closed-door briefing on how lawful-access proposals would weaken everyone's security.",
  },
  {
    slug: "accra-radio-call-in-2025",
    title: "Radio call-in: why encryption matters",
    kind: "media",
    by: { chapter: "Ghana Chapter" },
    jurisdiction: "GH",
    city: "Accra",
    start: "2025-10-21T19:00",
    end: "2025-10-21T20:00",
    tz: "Africa/Accra",
    expected: 200000,
    report: [null, 1200, 250000],
    description: "Chapter members answer listeners' questions on a national radio station.",
  },
  {
    slug: "la-paz-taller-de-cifrado-2025",
    title: "Taller de cifrado para activistas",
    kind: "training",
    by: { chapter: "Bolivia Chapter" },
    jurisdiction: "BO",
    city: "La Paz",
    start: "2025-10-21T15:00",
    end: "2025-10-21T18:00",
    tz: "America/La_Paz",
    expected: 40,
    report: [35, 90, null],
    description: "Un taller práctico sobre mensajería segura y cifrado de dispositivos.",
  },
  {
    slug: "berlin-encryption-and-democracy-panel-2025",
    title: "Encryption and democracy: a public panel",
    kind: "other",
    by: { organisation: true },
    jurisdiction: "DE",
    city: "Berlin",
    online: true,
    start: "2025-10-21T18:30",
    end: "2025-10-21T20:30",
    tz: "Europe/Berlin",
    expected: 1500,
    report: [120, 2300, 30000],
    description:
      "Researchers, journalists and a former regulator discuss the EU regulation on child sexual abuse material and encryption.",
  },
  {
    slug: "global-livestream-2025",
    title: "Global Encryption Day livestream",
    kind: "online",
    by: COALITION,
    jurisdiction: "INT",
    city: null,
    online: true,
    start: "2025-10-21T14:00",
    end: "2025-10-21T17:00",
    tz: "UTC",
    expected: 20000,
    report: [null, 18500, null],
    description: "Three hours of talks from every region, with live captions in English, French and Spanish.",
  },
  {
    slug: "london-parliament-briefing-2025",
    title: "Briefing on the Online Safety Act's encryption powers",
    kind: "direct_advocacy",
    by: COALITION,
    jurisdiction: "GB",
    city: "London",
    start: "2025-10-21T12:00",
    end: "2025-10-21T13:00",
    tz: "Europe/London",
    expected: 30,
    report: [27, null, null],
    description: "A lunchtime briefing for parliamentary staff on technical notices and client-side scanning.",
  },
  {
    slug: "washington-earn-it-teach-in-2025",
    title: "Teach-in on the EARN IT Act",
    kind: "training",
    by: COALITION,
    jurisdiction: "US",
    city: "Washington",
    online: true,
    start: "2025-10-21T16:00",
    end: "2025-10-21T17:30",
    tz: "America/New_York",
    expected: 400,
    description:
      "What the bill would do to end-to-end encrypted services, explained for congressional staff and the public.",
  },
  {
    slug: "new-delhi-press-conference-2025",
    title: "Press conference on the Telecommunications Act rules",
    kind: "media",
    by: COALITION,
    jurisdiction: "IN",
    city: "New Delhi",
    start: "2025-10-21T11:00",
    end: "2025-10-21T12:00",
    tz: "Asia/Kolkata",
    expected: 500000,
    report: [40, null, 1200000],
    description: "Civil society groups present their joint submission on traceability and encryption.",
  },
  // 2026
  {
    slug: "nairobi-secure-messaging-workshop-2026",
    title: "Secure messaging workshop",
    kind: "training",
    by: KENYA,
    jurisdiction: "KE",
    city: "Nairobi",
    start: "2026-10-21T14:00",
    end: "2026-10-21T17:00",
    tz: "Africa/Nairobi",
    expected: 80,
    report: [72, 150, null],
    description: "For human rights defenders: choosing and setting up end-to-end encrypted messaging.",
  },
  {
    slug: "mombasa-county-assembly-visit-2026",
    title: "Visit to the county assembly",
    kind: "direct_advocacy",
    by: KENYA,
    jurisdiction: "KE",
    city: "Mombasa",
    start: "2026-10-22T10:00",
    end: "2026-10-22T12:00",
    tz: "Africa/Nairobi",
    expected: 20,
    description: "Chapter members meet county representatives about data protection and encryption.",
  },
  {
    slug: "bamako-formation-chiffrement-2026",
    title: "Formation au chiffrement pour les journalistes",
    kind: "training",
    by: { chapter: "Mali Chapter" },
    jurisdiction: "ML",
    city: "Bamako",
    start: "2026-10-21T09:00",
    end: "2026-10-21T12:00",
    tz: "Africa/Bamako",
    expected: 45,
    report: [41, null, 9000],
    description: "Une matinée pratique sur la messagerie sécurisée et la protection des sources.",
  },
  {
    slug: "lusaka-cyber-laws-forum-2026",
    title: "Public forum on the cyber laws",
    kind: "direct_advocacy",
    by: { chapter: "Zambia Chapter" },
    jurisdiction: "ZM",
    city: "Lusaka",
    start: "2026-10-21T14:00",
    end: "2026-10-21T16:30",
    tz: "Africa/Lusaka",
    expected: 120,
    report: [95, 400, 60000],
    description: "Lawmakers, civil society and industry discuss the interception provisions of the cyber laws.",
  },
  {
    slug: "berlin-late-night-cryptoparty-2026",
    title: "Late-night CryptoParty",
    kind: "training",
    by: { organisation: true },
    jurisdiction: "DE",
    city: "Berlin",
    start: "2026-10-21T21:00",
    end: "2026-10-22T01:00",
    tz: "Europe/Berlin",
    expected: 70,
    report: [64, null, null],
    description: "Bring your laptop and phone: volunteers help you encrypt them, until past midnight.",
  },
  {
    slug: "brussels-csam-regulation-briefing-2026",
    title: "Briefing for MEPs on the CSAM regulation",
    kind: "direct_advocacy",
    by: COALITION,
    jurisdiction: "EU",
    city: "Brussels",
    start: "2026-10-21T12:30",
    end: "2026-10-21T14:00",
    tz: "Europe/Brussels",
    expected: 40,
    report: [38, null, null],
    description: "Why detection orders on encrypted services cannot be done safely.",
  },
  {
    slug: "sao-paulo-debate-criptografia-2026",
    title: "Debate: criptografia e o STF",
    kind: "other",
    by: COALITION,
    jurisdiction: "BR",
    city: "São Paulo",
    online: true,
    start: "2026-10-21T19:00",
    end: "2026-10-21T21:00",
    tz: "America/Sao_Paulo",
    expected: 3000,
    report: [150, 4200, 90000],
    description: "Juristas e técnicos debatem o caso no Supremo Tribunal Federal sobre o bloqueio de aplicativos.",
  },
  {
    slug: "ottawa-online-harms-webinar-2026",
    title: "Webinar: the Online Harms Act and encryption",
    kind: "online",
    by: COALITION,
    jurisdiction: "CA",
    city: null,
    online: true,
    start: "2026-10-21T12:00",
    end: "2026-10-21T13:00",
    tz: "America/Toronto",
    expected: 600,
    report: [null, 750, null],
    description: "A one-hour webinar on what the bill means for private messaging.",
  },
  {
    slug: "sydney-esafety-codes-meetup-2026",
    title: "Meetup on the eSafety codes",
    kind: "other",
    by: COALITION,
    jurisdiction: "AU",
    city: "Sydney",
    start: "2026-10-21T18:00",
    end: "2026-10-21T20:00",
    tz: "Australia/Sydney",
    expected: 90,
    description: "Engineers and advocates discuss the industry codes and end-to-end encryption.",
  },
  {
    slug: "tokyo-encryption-talk-2026",
    title: "Encryption and the open Internet: an evening talk",
    kind: "media",
    by: COALITION,
    jurisdiction: "JP",
    city: "Tokyo",
    online: true,
    start: "2026-10-21T19:00",
    end: "2026-10-21T20:30",
    tz: "Asia/Tokyo",
    expected: 1000,
    report: [60, 900, 20000],
    description: "A talk streamed live with Japanese and English subtitles.",
  },
  {
    slug: "global-livestream-2026",
    title: "Global Encryption Day livestream",
    kind: "online",
    by: COALITION,
    jurisdiction: "INT",
    city: null,
    online: true,
    start: "2026-10-21T13:00",
    end: "2026-10-21T16:00",
    tz: "UTC",
    expected: 25000,
    report: [null, 21000, null],
    description: "Talks from every region, with live captions in English, French and Spanish.",
  },
  // Waiting for review, and sent back to its organiser.
  {
    slug: "kisumu-school-outreach-2026",
    title: "School outreach: privacy online",
    kind: "training",
    by: KENYA,
    jurisdiction: "KE",
    city: "Kisumu",
    start: "2026-10-23T09:00",
    end: "2026-10-23T11:00",
    tz: "Africa/Nairobi",
    expected: 150,
    status: "submitted",
    description: "Two classes of secondary school students learn what encryption protects.",
  },
  {
    slug: "la-paz-mesa-redonda-2026",
    title: "Mesa redonda con legisladores",
    kind: "direct_advocacy",
    by: { chapter: "Bolivia Chapter" },
    jurisdiction: "BO",
    city: "La Paz",
    start: "2026-10-21T10:00",
    end: "2026-10-21T12:00",
    tz: "America/La_Paz",
    expected: 15,
    status: "changes_requested",
    comment:
      "Please say which legislators or committee are invited, and add a registration link if the public can attend.",
    description: "Una conversación sobre cifrado y la ley de ciberseguridad.",
  },
];

function utc(local: string, zone: string): string {
  const result = localToUtc(local, zone);
  if (!result.ok) throw new Error(`demo event time ${local} ${zone}: ${result.reason}`);
  return result.utc;
}

/** Editions 2022–2026 and events for 2025 and 2026. Idempotent: existing years and slugs are kept. */
export async function seedDemoEvents(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  for (const edition of EDITIONS) {
    await db
      .insertInto("event_editions")
      .values({
        year: edition.year,
        day: `${edition.year}-10-21`,
        theme: edition.theme,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
  }
  const editions = new Map(
    (await db.selectFrom("event_editions").select(["id", "year"]).execute()).map((e) => [e.year, e.id]),
  );
  const chapters = new Map(
    (await db.selectFrom("chapters").select(["id", "name"]).execute()).map((c) => [c.name, c.id]),
  );
  const organisation = await db
    .selectFrom("coalition_members")
    .select(["id", "name"])
    .where("name", "=", "Open Networks Foundation (demo)")
    .executeTakeFirst();
  const users = await db.selectFrom("users").select(["id", "email"]).execute();
  const userId = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const staffId = userId("staff@example.org");

  for (const event of EVENTS) {
    const exists = await db.selectFrom("events").select("id").where("slug", "=", event.slug).executeTakeFirst();
    if (exists) continue;
    const editionId = editions.get(Number(event.start.slice(0, 4)));
    if (editionId === undefined) continue;
    let chapterId: number | null = null;
    let memberId: number | null = null;
    let organiserName: string;
    let submittedBy: number | null;
    if ("chapter" in event.by) {
      chapterId = chapters.get(event.by.chapter) ?? null;
      if (chapterId === null) continue;
      organiserName = event.by.chapter;
      submittedBy = event.by.chapter === "Kenya Chapter" ? userId("chapter@example.org") : null;
    } else if ("organisation" in event.by) {
      if (!organisation) continue;
      memberId = organisation.id;
      organiserName = organisation.name;
      submittedBy = userId("member@example.org");
    } else {
      organiserName = event.by.staff;
      submittedBy = staffId;
    }
    const status = event.status ?? "approved";
    const reviewed = status === "approved" || status === "changes_requested";
    const startsAt = utc(event.start, event.tz);
    const endsAt = utc(event.end, event.tz);
    await db
      .insertInto("events")
      .values({
        edition_id: editionId,
        slug: event.slug,
        title: event.title,
        kind: event.kind,
        chapter_id: chapterId,
        coalition_member_id: memberId,
        organiser_name: organiserName,
        submitted_by: submittedBy,
        jurisdiction_code: event.jurisdiction,
        city: event.city,
        online: event.online ? 1 : 0,
        starts_local: event.start,
        ends_local: event.end,
        timezone: event.tz,
        starts_at: startsAt,
        ends_at: endsAt,
        description: event.description,
        registration_url: status === "approved" ? `https://example.org/events/${event.slug}` : null,
        expected_reach: event.expected ?? null,
        status,
        review_comment: event.comment ?? null,
        reviewed_by: reviewed ? staffId : null,
        reviewed_at: reviewed ? now : null,
        attendance: event.report?.[0] ?? null,
        online_views: event.report?.[1] ?? null,
        media_reach: event.report?.[2] ?? null,
        reported_at: event.report ? endsAt : null,
        rsvp_count: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}
