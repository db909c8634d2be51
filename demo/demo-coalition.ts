import type { Kysely } from "kysely";
import { foldName, searchable } from "../app/lib/search";
import type { Database } from "../db/schema";

/** Fictional demo members across sectors, regions and years, so the directory has something to show. */
const MEMBERS = [
  [
    "Digital Rights Kenya (demo)",
    "civil_society",
    "KE",
    "2020-10-21",
    "Defends privacy and secure messaging for Kenyan journalists.",
  ],
  [
    "Andes Privacy Lab (demo)",
    "academia",
    "BO",
    "2021-03-02",
    "A university lab studying surveillance and encryption in the Andes.",
  ],
  ["SecureMail Co. (demo)", "industry", "DE", "2020-11-15", "An end-to-end encrypted e-mail provider."],
  ["Lagos Tech Collective (demo)", "civil_society", "NG", "2022-05-09", "Trains civil society in digital security."],
  ["Sahel Net Freedom (demo)", "civil_society", "ML", "2023-02-20", "Documents Internet shutdowns in the Sahel."],
  [
    "Dr. Amara Mensah (demo)",
    "individual_expert",
    "GH",
    "2021-09-30",
    "Cryptographer; advises parliaments on lawful access.",
  ],
  [
    "Open Messaging Alliance (demo)",
    "industry",
    "US",
    "2022-10-21",
    "Messaging companies committed to end-to-end encryption.",
  ],
  [
    "Institut pour un Internet ouvert (démo)",
    "civil_society",
    "FR",
    "2023-10-20",
    "Défend un Internet ouvert et non fragmenté.",
  ],
  [
    "Child Online Safety Network (demo)",
    "child_safety",
    "GB",
    "2024-01-12",
    "Works for child safety without breaking encryption.",
  ],
  [
    "Zambia ICT Forum (demo)",
    "civil_society",
    "ZM",
    "2024-06-03",
    "Brings together Zambian technologists and advocates.",
  ],
  ["Pacific Cyber Policy Centre (demo)", "academia", "AU", "2025-04-14", "Research on e-Safety codes and encryption."],
  [
    "Benin Digital Citizens (demo)",
    "civil_society",
    "BJ",
    "2025-10-21",
    "Citizen education on privacy and secure tools.",
  ],
] as const;

export async function seedDemoCoalition(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  for (const [name, sector, jurisdiction, joinedOn, profile] of MEMBERS) {
    const exists = await db.selectFrom("coalition_members").select("id").where("name", "=", name).executeTakeFirst();
    if (exists) continue;
    await db
      .insertInto("coalition_members")
      .values({
        name,
        name_folded: foldName(name),
        sector,
        jurisdiction_code: jurisdiction,
        website: `https://example.org/${searchable(name).replace(/[^a-z0-9]+/g, "-")}`,
        joined_on: joinedOn,
        status: "active",
        public_profile: profile,
        contact_email: null,
        search_text: searchable(name, profile),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  // Members created before the search column existed (the original demo organisation).
  const missing = await db
    .selectFrom("coalition_members")
    .select(["id", "name", "public_profile", "website"])
    .where("search_text", "=", "")
    .execute();
  for (const row of missing) {
    await db
      .updateTable("coalition_members")
      .set({ search_text: searchable(row.name, row.public_profile, row.website) })
      .where("id", "=", row.id)
      .execute();
  }
}
