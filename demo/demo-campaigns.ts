import type { Kysely } from "kysely";
import { loadConfig } from "../app/config.server";
import type { Database } from "../db/schema";
import { US_DEMO_THREATS } from "./demo-threats.data";

export const DEMO_CAMPAIGN_SLUG = "stop-csam-act-write-to-your-lawmakers";

const TEMPLATES = [
  {
    language: "en",
    title: "STOP CSAM Act: write to your lawmakers",
    introduction:
      "The STOP CSAM Act would make offering end-to-end encryption a legal risk for every messaging service in the United States.\n\nTell the senators and the representative who speak for you that protecting children and protecting encryption go together. It takes two minutes.",
    subjects: [
      "Please protect encryption: oppose the {{threat.title}}",
      "A constituent asks you to oppose the {{threat.title}}",
      "Keep our messages safe: vote no on the {{threat.title}}",
    ],
    body: [
      "Dear {{lawmaker.title}} {{lawmaker.name}},",
      "I am writing to you as a constituent from {{sender.locality}} to ask you to oppose the {{threat.title}}.",
      "End-to-end encryption keeps journalists, doctors, survivors of abuse and children themselves safe online. The bill's liability standard would push services to weaken or drop it, making everyone less safe.",
      "{{sender.personal_note}}",
      "Please stand up for strong encryption and vote against this bill.",
      "Sincerely,\n{{sender.name}}",
    ].join("\n\n"),
  },
  {
    language: "fr",
    title: "Loi STOP CSAM : écrivez à vos élus",
    introduction:
      "La loi STOP CSAM ferait du chiffrement de bout en bout un risque juridique pour toutes les messageries aux États-Unis.\n\nDites aux sénateurs et au représentant qui parlent en votre nom que protéger les enfants et protéger le chiffrement vont ensemble. Cela prend deux minutes.",
    subjects: [
      "Protégez le chiffrement : opposez-vous au {{threat.title}}",
      "Une personne de votre circonscription vous demande de rejeter le {{threat.title}}",
    ],
    body: [
      "{{lawmaker.title}} {{lawmaker.name}},",
      "Je vous écris depuis {{sender.locality}} pour vous demander de vous opposer au {{threat.title}}.",
      "Le chiffrement de bout en bout protège les journalistes, les médecins, les victimes de violences et les enfants eux-mêmes. Le régime de responsabilité de ce texte pousserait les services à l’affaiblir ou à l’abandonner.",
      "{{sender.personal_note}}",
      "Je vous remercie de défendre un chiffrement fort et de voter contre ce texte.",
      "Avec mes salutations,\n{{sender.name}}",
    ].join("\n\n"),
  },
];

/** One open campaign on the STOP CSAM Act, to US lawmakers picked by constituency. Idempotent. */
export async function seedDemoCampaigns(db: Kysely<Database>): Promise<void> {
  const source = US_DEMO_THREATS.find((t) => t.key === "stop-csam");
  if (!source) return;
  const threat = await db
    .selectFrom("threats")
    .select("id")
    .where("title", "=", source.title)
    .where("jurisdiction_code", "=", "US")
    .executeTakeFirst();
  if (!threat) return;
  const exists = await db
    .selectFrom("letter_campaigns")
    .select("id")
    .where("slug", "=", DEMO_CAMPAIGN_SLUG)
    .executeTakeFirst();
  if (exists) return;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("letter_campaigns")
      .values({
        slug: DEMO_CAMPAIGN_SLUG,
        threat_id: threat.id,
        status: "open",
        target_mode: "rule",
        rule_jurisdiction_code: "US",
        rule_body: null,
        rule_constituencies: null,
        sender_picks_constituency: 1,
        fallback_lawmaker_id: null,
        sending_address: loadConfig().campaignFrom,
        created_by: null,
        opened_at: now,
        closed_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("campaign_templates")
      .values(
        TEMPLATES.map((t) => ({
          campaign_id: id,
          language: t.language,
          title: t.title,
          introduction: t.introduction,
          subject_variants: JSON.stringify(t.subjects),
          body_template: t.body,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
}
