import type { Kysely } from "kysely";
import { hashPassword } from "../app/features/auth/password.server";
import { foldName } from "../app/lib/search";
import type { Database, Role } from "../db/schema";
import { seedDemoActions } from "./demo-actions";
import { seedDemoCampaigns } from "./demo-campaigns";
import { seedDemoCoalition } from "./demo-coalition";
import { seedDemoEvents } from "./demo-events";
import { seedDemoLawmakers } from "./demo-lawmakers";
import { seedDemoLetters } from "./demo-letters";
import { seedDemoTargets } from "./demo-targets";
import { seedDemoReports } from "./demo-reports";
import { seedDemoThreats } from "./demo-threats";
import { seedDemoTranslations } from "./demo-translations";

const DEMO_CHAPTERS = [
  { name: "Benin Chapter", jurisdiction_code: "BJ", kind: "chapter" },
  { name: "Kenya Chapter", jurisdiction_code: "KE", kind: "chapter" },
  { name: "Mali Chapter", jurisdiction_code: "ML", kind: "chapter" },
  { name: "Nigeria Chapter", jurisdiction_code: "NG", kind: "chapter" },
  { name: "Zambia Chapter", jurisdiction_code: "ZM", kind: "chapter" },
  { name: "Ghana Chapter", jurisdiction_code: "GH", kind: "chapter" },
  { name: "Bolivia Chapter", jurisdiction_code: "BO", kind: "chapter" },
  { name: "Encryption Special Interest Group", jurisdiction_code: "INT", kind: "sig" },
] as const;

const DEMO_ORGANISATION = {
  name: "Open Networks Foundation (demo)",
  sector: "civil_society",
  jurisdiction_code: "DE",
  website: "https://example.org/open-networks",
  joined_on: "2021-10-21",
  status: "active",
  public_profile: "A demo member organisation that defends end-to-end encryption.",
} as const;

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  chapter?: string;
  organisation?: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@example.org", name: "Ada Admin", role: "admin" },
  { email: "staff@example.org", name: "Sam Staff", role: "staff" },
  { email: "lead@example.org", name: "Lena Lead", role: "chapter_lead", chapter: "Kenya Chapter" },
  { email: "chapter@example.org", name: "Kofi Member", role: "chapter_member", chapter: "Kenya Chapter" },
  { email: "member@example.org", name: "Mira Member", role: "coalition_member", organisation: true },
];

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Demo chapters, a demo organisation and the demo accounts. Never run in production. */
export async function seedDemo(db: Kysely<Database>, password: string): Promise<void> {
  const now = new Date().toISOString();
  const stamps = { created_at: now, updated_at: now };
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const chapterIds = new Map<string, number>();
    for (const chapter of DEMO_CHAPTERS) {
      const row = await trx
        .insertInto("chapters")
        .values({ ...chapter, status: "active", ...stamps })
        .onConflict((oc) => oc.column("name").doUpdateSet({ updated_at: now }))
        .returning("id")
        .executeTakeFirstOrThrow();
      chapterIds.set(chapter.name, row.id);
    }
    const existingOrg = await trx
      .selectFrom("coalition_members")
      .select("id")
      .where("name", "=", DEMO_ORGANISATION.name)
      .executeTakeFirst();
    const orgId =
      existingOrg?.id ??
      (
        await trx
          .insertInto("coalition_members")
          .values({ ...DEMO_ORGANISATION, name_folded: foldName(DEMO_ORGANISATION.name), ...stamps })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;

    for (const account of DEMO_ACCOUNTS) {
      await trx
        .insertInto("users")
        .values({
          email: account.email,
          name: account.name,
          password_hash: passwordHash,
          role: account.role,
          chapter_id: account.chapter ? chapterIds.get(account.chapter)! : null,
          coalition_member_id: account.organisation ? orgId : null,
          locale: "en",
          status: "active",
          last_login_at: null,
          ...stamps,
        })
        .onConflict((oc) => oc.column("email").doNothing())
        .execute();
    }
  });
  await seedDemoCoalition(db);
  await seedDemoThreats(db);
  await seedDemoLetters(db);
  await seedDemoLawmakers(db);
  await seedDemoCampaigns(db);
  await seedDemoActions(db);
  await seedDemoEvents(db);
  await seedDemoTargets(db);
  await seedDemoReports(db);
  await seedDemoTranslations(db);
}
