/**
 * Letter campaigns for staff: create, edit, open, pause, resume, close (each audited), and the
 * lists of campaigns.
 */
import { db } from "~db/connection";
import type { FieldErrors } from "~/lib/field-errors";
import type { CampaignStatus, User, Executor } from "~db/schema";
import { loadConfig } from "~/config.server";
import { slugify } from "~/lib/slug";
import { jurisdictionExists } from "~/features/letters/signature-abuse.server";
import { recordAudit } from "~/features/security/audit.server";
import {
  CAMPAIGN_LANGUAGES,
  isBlankLanguage,
  parseSubjectLines,
  type CampaignInput,
  type CampaignLanguage,
  type CampaignStatusInput,
} from "~/features/campaigns/forms";
import { candidateLawmakers } from "~/features/campaigns/recipients.server";
import { parseConstituencyList } from "~/features/campaigns/recipient-rules";
import { validateTemplate } from "~/features/campaigns/template";
import type { Nothing, Result } from "~/lib/result";

/** Paths under /campaigns that are not campaigns. */
const RESERVED_SLUGS = new Set(["new", "confirm"]);

export function defaultSendingAddress(): string {
  return loadConfig().campaignFrom;
}

export interface CampaignTemplate {
  language: string;
  title: string;
  introduction: string;
  subjects: string[];
  body_template: string;
}

function parseSubjects(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

export async function templatesOf(campaignId: number, executor: Executor = db): Promise<CampaignTemplate[]> {
  const rows = await executor
    .selectFrom("campaign_templates")
    .select(["language", "title", "introduction", "subject_variants", "body_template"])
    .where("campaign_id", "=", campaignId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, subjects: parseSubjects(r.subject_variants) }));
}

/** The template in the reader's language, else English, else the first one. */
export function pickTemplate<T extends { language: string }>(templates: readonly T[], locale: string): T | undefined {
  return templates.find((t) => t.language === locale) ?? templates.find((t) => t.language === "en") ?? templates[0];
}

export async function getCampaignBySlug(slug: string, executor: Executor = db) {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return undefined;
  return executor.selectFrom("letter_campaigns").selectAll().where("slug", "=", slug).executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof getCampaignBySlug>>>;

export async function getCampaignForEdit(slug: string) {
  const campaign = await getCampaignBySlug(slug);
  if (!campaign) return undefined;
  const [templates, recipients] = await Promise.all([
    templatesOf(campaign.id),
    db.selectFrom("campaign_targets").select("lawmaker_id").where("campaign_id", "=", campaign.id).execute(),
  ]);
  return { campaign, templates, recipientIds: recipients.map((t) => t.lawmaker_id) };
}

async function uniqueSlug(trx: Executor, base: string): Promise<string> {
  const root = slugify(base, 80);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? root : `${root}-${n}`;
    if (RESERVED_SLUGS.has(slug)) continue;
    const taken = await trx.selectFrom("letter_campaigns").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!taken) return slug;
  }
}

/** Checks that what the form names exists; field errors otherwise. */
async function checkReferences(input: CampaignInput): Promise<FieldErrors | null> {
  const errors: FieldErrors = {};
  const threat = await db.selectFrom("threats").select("id").where("id", "=", input.threat).executeTakeFirst();
  if (!threat) errors.threat = ["campaigns:validation.threat"];
  if (input.ruleJurisdiction && !(await jurisdictionExists(input.ruleJurisdiction))) {
    errors.ruleJurisdiction = ["validation.jurisdiction"];
  }
  const ids = [...new Set([...input.lawmakers, ...(input.fallback ? [input.fallback] : [])])];
  if (ids.length) {
    const found = await db.selectFrom("lawmakers").select("id").where("id", "in", ids).execute();
    const known = new Set(found.map((r) => r.id));
    if (input.lawmakers.some((id) => !known.has(id))) errors.lawmakers = ["campaigns:validation.lawmaker"];
    if (input.fallback && !known.has(input.fallback)) errors.fallback = ["campaigns:validation.lawmaker"];
  }
  return Object.keys(errors).length ? errors : null;
}

function campaignColumns(input: CampaignInput) {
  const constituencies = parseConstituencyList(input.ruleConstituencies);
  return {
    threat_id: input.threat,
    target_mode: input.recipientMode,
    rule_jurisdiction_code: input.ruleJurisdiction ?? null,
    rule_body: input.ruleBody || null,
    rule_constituencies: constituencies.length ? JSON.stringify(constituencies) : null,
    sender_picks_constituency: input.senderPicksConstituency ? 1 : 0,
    fallback_lawmaker_id: input.fallback ?? null,
    sending_address: input.sendingAddress,
  };
}

async function writeTemplatesAndRecipients(trx: Executor, campaignId: number, input: CampaignInput, stamp: string) {
  await trx.deleteFrom("campaign_templates").where("campaign_id", "=", campaignId).execute();
  for (const language of CAMPAIGN_LANGUAGES) {
    const texts = input[language];
    if (!texts || isBlankLanguage(texts)) continue;
    await trx
      .insertInto("campaign_templates")
      .values({
        campaign_id: campaignId,
        language,
        title: texts.title ?? "",
        introduction: texts.introduction ?? "",
        subject_variants: JSON.stringify(parseSubjectLines(texts.subjects)),
        body_template: (texts.body ?? "").replace(/\r\n?/g, "\n").trim(),
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
  }
  await trx.deleteFrom("campaign_targets").where("campaign_id", "=", campaignId).execute();
  const ids = input.recipientMode === "list" ? [...new Set(input.lawmakers)] : [];
  for (let i = 0; i < ids.length; i += 400) {
    await trx
      .insertInto("campaign_targets")
      .values(ids.slice(i, i + 400).map((lawmaker_id) => ({ campaign_id: campaignId, lawmaker_id })))
      .execute();
  }
}

function firstTitle(input: CampaignInput): string {
  for (const language of CAMPAIGN_LANGUAGES) if (input[language]?.title) return input[language]?.title ?? "";
  return "campaign";
}

export type SaveResult = Result<{ slug: string }, { fieldErrors: FieldErrors }>;

export async function createCampaign(staff: Pick<User, "id">, input: CampaignInput): Promise<SaveResult> {
  const problems = await checkReferences(input);
  if (problems) return { ok: false, fieldErrors: problems };
  const stamp = new Date().toISOString();
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const slug = await uniqueSlug(trx, firstTitle(input));
    const columns = campaignColumns(input);
    const row = await trx
      .insertInto("letter_campaigns")
      .values({
        slug,
        status: "draft",
        ...columns,
        created_by: staff.id,
        opened_at: null,
        closed_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeTemplatesAndRecipients(trx, row.id, input, stamp);
    await recordAudit(trx, {
      actorUserId: staff.id,
      action: "campaign.create",
      entityType: "letter_campaign",
      entityId: row.id,
      after: { slug, ...columns },
    });
    return { ok: true, slug };
  });
}

/** Letters already written keep their text; a closed campaign is no longer edited. */
export async function updateCampaign(
  staff: Pick<User, "id">,
  campaignId: number,
  input: CampaignInput,
): Promise<SaveResult | { ok: false; formError: string }> {
  const problems = await checkReferences(input);
  if (problems) return { ok: false, fieldErrors: problems };
  const stamp = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("letter_campaigns").selectAll().where("id", "=", campaignId).executeTakeFirst();
    if (!before) return { ok: false as const, formError: "campaigns:errors.notFound" };
    if (before.status === "closed") return { ok: false as const, formError: "campaigns:errors.closedNoEdit" };
    const columns = campaignColumns(input);
    await trx
      .updateTable("letter_campaigns")
      .set({ ...columns, updated_at: stamp })
      .where("id", "=", campaignId)
      .execute();
    await writeTemplatesAndRecipients(trx, campaignId, input, stamp);
    await recordAudit(trx, {
      actorUserId: staff.id,
      action: "campaign.update",
      entityType: "letter_campaign",
      entityId: campaignId,
      before,
      after: columns,
    });
    return { ok: true as const, slug: before.slug };
  });
}

/** Why a campaign cannot open yet (i18n keys); empty when it can. */
export async function openProblems(campaign: CampaignRow): Promise<string[]> {
  const problems: string[] = [];
  const templates = await templatesOf(campaign.id);
  if (templates.length === 0) problems.push("campaigns:manage.problems.noTemplate");
  for (const t of templates) {
    const bad =
      !t.title ||
      t.subjects.length === 0 ||
      !t.body_template ||
      validateTemplate(t.body_template).length > 0 ||
      t.subjects.some((s) => validateTemplate(s).length > 0);
    if (bad) problems.push("campaigns:manage.problems.invalidTemplate");
  }
  if (campaign.fallback_lawmaker_id === null && (await candidateLawmakers(campaign)).length === 0) {
    problems.push("campaigns:manage.problems.noRecipient");
  }
  return [...new Set(problems)];
}

const MOVES: Record<CampaignStatusInput["intent"], { from: CampaignStatus[]; to: CampaignStatus }> = {
  open: { from: ["draft"], to: "open" },
  pause: { from: ["open"], to: "paused" },
  resume: { from: ["paused"], to: "open" },
  close: { from: ["open", "paused"], to: "closed" },
};

export async function changeCampaignStatus(
  staff: Pick<User, "id">,
  campaign: CampaignRow,
  intent: CampaignStatusInput["intent"],
): Promise<Result<Nothing, { errors: string[] }>> {
  const move = MOVES[intent];
  if (!move.from.includes(campaign.status)) return { ok: false, errors: ["campaigns:errors.wrongStatus"] };
  if (intent === "open") {
    const problems = await openProblems(campaign);
    if (problems.length) return { ok: false, errors: problems };
  }
  const stamp = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("letter_campaigns")
      .set({
        status: move.to,
        updated_at: stamp,
        ...(intent === "open" ? { opened_at: stamp } : {}),
        ...(intent === "close" ? { closed_at: stamp } : {}),
      })
      .where("id", "=", campaign.id)
      .where("status", "in", move.from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, errors: ["campaigns:errors.wrongStatus"] };
    await recordAudit(trx, {
      actorUserId: staff.id,
      action: `campaign.${intent}`,
      entityType: "letter_campaign",
      entityId: campaign.id,
      before: { status: campaign.status },
      after: { status: move.to },
    });
    return { ok: true as const };
  });
}

export function isCampaignLanguage(value: string): value is CampaignLanguage {
  return (CAMPAIGN_LANGUAGES as readonly string[]).includes(value);
}
