/**
 * Demo chapters' regions and their advocacy log for 2025 and 2026 (plus the demo organisation's),
 * linked to the demo threats, in every review state. DESCRIPTIONS ARE ILLUSTRATIVE.
 * Idempotent: regions are set each time; the actions only when none of 2025-2026 exist yet.
 */
import type { Kysely } from "kysely";
import type { ActionKind, ActionReviewStatus, Database, Region } from "../db/schema";
import { DEMO_THREATS, demoThreatSlug } from "./demo-threats";

const REGIONS_BY_CHAPTER: Record<string, Region> = {
  "Benin Chapter": "africa",
  "Kenya Chapter": "africa",
  "Mali Chapter": "africa",
  "Nigeria Chapter": "africa",
  "Zambia Chapter": "africa",
  "Ghana Chapter": "africa",
  "Bolivia Chapter": "americas",
  "Encryption Special Interest Group": "global",
};

const ORGANISATION = "Open Networks Foundation (demo)";

interface DemoLogEntry {
  /** A chapter's name, or the demo organisation. */
  who: string;
  /** The demo account that logged it (by e-mail); null: an account no longer there. */
  by: string | null;
  kind: ActionKind;
  on: string;
  description: string;
  policymakers?: string;
  /** Key of a demo threat (demo-threats.data*.ts). */
  threat?: string;
  outcome?: string;
  evidence?: string;
  status: ActionReviewStatus;
  comment?: string;
}

const LOG: DemoLogEntry[] = [
  // Kenya: the demo lead and member.
  {
    who: "Kenya Chapter",
    by: "lead@example.org",
    kind: "written_submission",
    on: "2025-02-14",
    description:
      "Submitted comments to the national consultation ahead of the ITU plenipotentiary, opposing proposals that would centralise addressing.",
    policymakers: "Ministry of Information, Communications and the Digital Economy",
    threat: "itu-new-ip",
    outcome: "Acknowledged; the submission is cited in the national brief.",
    evidence: "https://example.org/demo/kenya-itu-submission",
    status: "accepted",
  },
  {
    who: "Kenya Chapter",
    by: "chapter@example.org",
    kind: "meeting",
    on: "2025-04-09",
    description:
      "Met the delegation preparing the ITU Council to explain the risks of a top-down network architecture.",
    policymakers: "Kenyan delegation to the ITU Council",
    threat: "itu-new-ip",
    outcome: "The delegation asked for a one-page brief.",
    status: "accepted",
  },
  {
    who: "Kenya Chapter",
    by: "chapter@example.org",
    kind: "training",
    on: "2025-06-21",
    description: "Ran an encryption basics training for journalists in Nairobi (25 participants).",
    outcome: "Participants set up end-to-end encrypted messaging.",
    evidence: "https://example.org/demo/kenya-training",
    status: "accepted",
  },
  {
    who: "Kenya Chapter",
    by: "lead@example.org",
    kind: "media",
    on: "2025-10-21",
    description: "Radio interview on Global Encryption Day about why client-side scanning weakens everyone's security.",
    threat: "eu-csam",
    evidence: "https://example.org/demo/kenya-radio",
    status: "accepted",
  },
  {
    who: "Kenya Chapter",
    by: "chapter@example.org",
    kind: "social_media",
    on: "2025-10-21",
    description: "Global Encryption Day thread explaining end-to-end encryption in Swahili and English.",
    status: "accepted",
  },
  {
    who: "Kenya Chapter",
    by: "lead@example.org",
    kind: "impact_assessment",
    on: "2026-01-30",
    description: "Published an Internet impact assessment of the ITU proposals for the regional preparatory meeting.",
    threat: "itu-new-ip",
    evidence: "https://example.org/demo/kenya-iia",
    status: "accepted",
  },
  {
    who: "Kenya Chapter",
    by: "chapter@example.org",
    kind: "meeting",
    on: "2026-03-12",
    description: "Briefed the clerk of the parliamentary ICT committee on encryption and lawful access.",
    policymakers: "National Assembly, Departmental Committee on Communication, Information and Innovation",
    outcome: "Invited to testify at a later hearing.",
    status: "needs_changes",
    comment: "Please add the evidence link (the committee's published schedule) if there is one.",
  },
  {
    who: "Kenya Chapter",
    by: "chapter@example.org",
    kind: "public_statement",
    on: "2026-05-04",
    description: "Chapter statement supporting the coalition's letter against scanning mandates.",
    threat: "eu-csam",
    evidence: "https://example.org/demo/kenya-statement",
    status: "pending",
  },
  {
    who: "Kenya Chapter",
    by: "lead@example.org",
    kind: "event",
    on: "2026-07-18",
    description: "Round table with civil society on the UK Online Safety Act's effects on global messaging services.",
    threat: "uk-osb",
    status: "withdrawn",
  },
  // Other chapters.
  {
    who: "Nigeria Chapter",
    by: null,
    kind: "open_letter",
    on: "2025-03-03",
    description: "Co-signed and circulated the coalition's open letter to the Senate committee on ICT.",
    policymakers: "Senate Committee on ICT and Cybersecurity",
    threat: "itu-new-ip",
    status: "accepted",
  },
  {
    who: "Nigeria Chapter",
    by: null,
    kind: "meeting",
    on: "2026-02-17",
    description: "Meeting with the national regulator's policy team on encryption in the draft code of practice.",
    policymakers: "Nigerian Communications Commission",
    status: "accepted",
  },
  {
    who: "Benin Chapter",
    by: null,
    kind: "training",
    on: "2025-10-21",
    description:
      "Atelier sur le chiffrement pour des étudiants de Cotonou, à l'occasion de la Journée mondiale du chiffrement.",
    status: "accepted",
  },
  {
    who: "Ghana Chapter",
    by: null,
    kind: "written_submission",
    on: "2026-04-02",
    description: "Comments on the EU proposal shared with the Ghanaian mission in Brussels.",
    threat: "eu-csam",
    status: "pending",
  },
  {
    who: "Bolivia Chapter",
    by: null,
    kind: "media",
    on: "2025-08-11",
    description: "Artículo de opinión sobre los bloqueos de aplicaciones de mensajería en la región.",
    threat: "br-whatsapp-cases",
    evidence: "https://example.org/demo/bolivia-op-ed",
    status: "accepted",
  },
  {
    who: "Encryption Special Interest Group",
    by: null,
    kind: "amicus_brief",
    on: "2025-09-05",
    description: "Technical annex on end-to-end encryption for an amicus brief in the messaging-app blocking case.",
    threat: "br-whatsapp-cases",
    status: "accepted",
  },
  {
    who: "Encryption Special Interest Group",
    by: null,
    kind: "written_submission",
    on: "2026-06-10",
    description: "Response to the ITU study group questionnaire on new network architectures.",
    threat: "itu-new-ip",
    status: "needs_changes",
    comment: "Which study group? Please name it in the targeted bodies.",
  },
  // The demo organisation.
  {
    who: ORGANISATION,
    by: "member@example.org",
    kind: "written_submission",
    on: "2025-05-20",
    description: "Written evidence to the European Parliament rapporteur on detection orders.",
    policymakers: "European Parliament, LIBE committee rapporteur",
    threat: "eu-csam",
    outcome: "Cited in the committee's report.",
    evidence: "https://example.org/demo/onf-libe-evidence",
    status: "accepted",
  },
  {
    who: ORGANISATION,
    by: "member@example.org",
    kind: "meeting",
    on: "2025-11-13",
    description: "Meeting with a Council presidency's telecom attaché on client-side scanning.",
    policymakers: "Council of the EU, presidency telecom attaché",
    threat: "eu-csam",
    status: "accepted",
  },
  {
    who: ORGANISATION,
    by: "member@example.org",
    kind: "public_statement",
    on: "2026-02-09",
    description: "Statement on the implementation codes of the UK Online Safety Act.",
    threat: "uk-osb",
    status: "pending",
  },
  {
    who: ORGANISATION,
    by: "member@example.org",
    kind: "open_letter",
    on: "2026-04-22",
    description: "Open letter to the US Senate Judiciary Committee on the STOP CSAM Act.",
    threat: "stop-csam",
    evidence: "https://example.org/demo/onf-stop-csam-letter",
    status: "accepted",
  },
];

export async function seedDemoActions(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [name, region] of Object.entries(REGIONS_BY_CHAPTER)) {
      await trx.updateTable("chapters").set({ region }).where("name", "=", name).where("region", "is", null).execute();
    }
    const already = await trx
      .selectFrom("advocacy_actions")
      .select("id")
      .where("occurred_on", ">=", "2025-01-01")
      .where("occurred_on", "<", "2027-01-01")
      .executeTakeFirst();
    if (already) return;

    const chapters = new Map(
      (await trx.selectFrom("chapters").select(["id", "name"]).execute()).map((c) => [c.name, c.id]),
    );
    const organisation = await trx
      .selectFrom("coalition_members")
      .select("id")
      .where("name", "=", ORGANISATION)
      .executeTakeFirst();
    const users = new Map(
      (await trx.selectFrom("users").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
    );
    const reviewer = users.get("staff@example.org") ?? null;
    const slugs = DEMO_THREATS.map((t) => [t.key, demoThreatSlug(t)] as const);
    const threatRows = await trx
      .selectFrom("threats")
      .select(["id", "slug"])
      .where(
        "slug",
        "in",
        slugs.map(([, slug]) => slug),
      )
      .execute();
    const threatBySlug = new Map(threatRows.map((t) => [t.slug, t.id]));
    const threatByKey = new Map(slugs.map(([key, slug]) => [key, threatBySlug.get(slug) ?? null]));

    const rows = LOG.flatMap((entry) => {
      const chapterId = entry.who === ORGANISATION ? null : (chapters.get(entry.who) ?? null);
      const memberId = entry.who === ORGANISATION ? (organisation?.id ?? null) : null;
      if (!chapterId && !memberId) return [];
      const reviewed = entry.status === "accepted" || entry.status === "needs_changes";
      return [
        {
          chapter_id: chapterId,
          coalition_member_id: memberId,
          logged_by: entry.by ? (users.get(entry.by) ?? null) : null,
          kind: entry.kind,
          occurred_on: entry.on,
          description: entry.description,
          policymakers: entry.policymakers ?? null,
          threat_id: entry.threat ? (threatByKey.get(entry.threat) ?? null) : null,
          outcome: entry.outcome ?? null,
          evidence_url: entry.evidence ?? null,
          review_status: entry.status,
          review_comment: entry.comment ?? null,
          reviewed_by: reviewed ? reviewer : null,
          reviewed_at: reviewed ? now : null,
          created_at: now,
          updated_at: now,
        },
      ];
    });
    if (rows.length) await trx.insertInto("advocacy_actions").values(rows).execute();
  });
}
