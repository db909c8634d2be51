import type { CreateTableBuilder, Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  await ts(
    withIdColumn(dialect, db.schema.createTable("lawmakers"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("title", "text")
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("constituency", "text")
      .addColumn("party", "text")
      // Official contact address: public. At least one of email / contact_url is set.
      .addColumn("email", "text")
      .addColumn("email_normalised", "text")
      .addColumn("contact_url", "text")
      .addColumn("source_url", "text")
      .addColumn("verified_on", "text")
      // Folded name|body|jurisdiction: the import's second match when a row has no e-mail.
      .addColumn("match_key", "text", (c) => c.notNull())
      .addColumn("search_text", "text", (c) => c.notNull().defaultTo("")),
  ).execute();
  await db.schema.createIndex("lawmakers_email_unique").on("lawmakers").column("email_normalised").unique().execute();
  await db.schema.createIndex("lawmakers_match_key").on("lawmakers").column("match_key").execute();
  await db.schema
    .createIndex("lawmakers_jurisdiction_body")
    .on("lawmakers")
    .columns(["jurisdiction_code", "body", "name"])
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("letter_campaigns"))
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id"))
      // draft → open ⇄ paused → closed
      .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
      // `rule`: lawmakers matching the rule columns; `list`: campaign_targets.
      .addColumn("target_mode", "text", (c) => c.notNull().defaultTo("rule"))
      .addColumn("rule_jurisdiction_code", "text", (c) => c.references("jurisdictions.code"))
      .addColumn("rule_body", "text")
      // JSON array of constituencies; null or [] means any.
      .addColumn("rule_constituencies", "text")
      // 1: the sender picks their constituency and writes to its lawmakers among the matches.
      .addColumn("sender_picks_constituency", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("fallback_lawmaker_id", "integer", (c) => c.references("lawmakers.id"))
      // The From address of letters; replies go to the sender (Reply-To).
      .addColumn("sending_address", "text", (c) => c.notNull())
      .addColumn("created_by", "integer", (c) => c.references("users.id"))
      .addColumn("opened_at", "text")
      .addColumn("closed_at", "text"),
  ).execute();
  await db.schema
    .createIndex("letter_campaigns_status")
    .on("letter_campaigns")
    .columns(["status", "opened_at"])
    .execute();

  // One per campaign per language: the public text, the subject variants and the letter template.
  await ts(
    withIdColumn(dialect, db.schema.createTable("campaign_templates"))
      .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("introduction", "text", (c) => c.notNull())
      // JSON array of subject templates (the same variables as the body).
      .addColumn("subject_variants", "text", (c) => c.notNull())
      .addColumn("body_template", "text", (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex("campaign_templates_unique")
    .on("campaign_templates")
    .columns(["campaign_id", "language"])
    .unique()
    .execute();

  await db.schema
    .createTable("campaign_targets")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id").onDelete("cascade"))
    .addColumn("lawmaker_id", "integer", (c) => c.notNull().references("lawmakers.id"))
    .addPrimaryKeyConstraint("campaign_targets_pk", ["campaign_id", "lawmaker_id"])
    .execute();

  // One person's submission to a campaign: confirmed once by e-mail, then their letters go out.
  await ts(
    withIdColumn(dialect, db.schema.createTable("campaign_senders"))
      .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id"))
      .addColumn("name", "text", (c) => c.notNull())
      // Private; both scrubbed (set to null) some days after the letters are done.
      .addColumn("email", "text")
      .addColumn("locality", "text")
      .addColumn("jurisdiction_code", "text", (c) => c.references("jurisdictions.code"))
      .addColumn("constituency", "text")
      .addColumn("personal_note", "text")
      .addColumn("locale", "text", (c) => c.notNull())
      // pending_confirmation → confirmed
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("confirm_token_hash", "text", (c) => c.unique())
      .addColumn("confirmed_at", "text")
      .addColumn("ip_hash", "text")
      .addColumn("scrubbed_at", "text"),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("campaign_letters"))
      .addColumn("campaign_id", "integer", (c) => c.notNull().references("letter_campaigns.id"))
      .addColumn("sender_id", "integer", (c) => c.notNull().references("campaign_senders.id"))
      .addColumn("lawmaker_id", "integer", (c) => c.notNull().references("lawmakers.id"))
      // SHA-256 of the sender's normalised e-mail: one letter per sender per target per campaign.
      .addColumn("sender_key", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      // Rendered text; scrubbed with the sender's details (it contains their locality and note).
      .addColumn("body", "text")
      // pending_confirmation → queued → sent → delivered | bounced; queued → failed;
      // pending_confirmation → handed_to_sender (the target has only a contact form)
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("outbox_id", "integer", (c) => c.references("outbox.id"))
      .addColumn("provider_id", "text")
      .addColumn("status_changed_at", "text", (c) => c.notNull())
      .addColumn("scrubbed_at", "text"),
  ).execute();
  await db.schema
    .createIndex("campaign_letters_unique")
    .on("campaign_letters")
    .columns(["campaign_id", "lawmaker_id", "sender_key"])
    .unique()
    .execute();
  await db.schema.createIndex("campaign_letters_sender").on("campaign_letters").column("sender_id").execute();
  await db.schema
    .createIndex("campaign_letters_campaign_status")
    .on("campaign_letters")
    .columns(["campaign_id", "status"])
    .execute();
  await db.schema.createIndex("campaign_letters_outbox").on("campaign_letters").column("outbox_id").execute();
  await db.schema.createIndex("campaign_letters_provider").on("campaign_letters").column("provider_id").execute();

  // Every state change of a letter, with what caused it.
  await withIdColumn(dialect, db.schema.createTable("campaign_letter_events"))
    .addColumn("letter_id", "integer", (c) => c.notNull().references("campaign_letters.id"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("campaign_letter_events_letter")
    .on("campaign_letter_events")
    .column("letter_id")
    .execute();

  // Webhook deliveries already processed (Svix retries deliver the same message id again).
  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "webhook_deliveries",
    "campaign_letter_events",
    "campaign_letters",
    "campaign_senders",
    "campaign_targets",
    "campaign_templates",
    "letter_campaigns",
    "lawmakers",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
