/**
 * The yearly report as a PDF drawn on the server with pdfkit (no browser): the same sections,
 * figures, bar charts and lists as the page, in the reader's language, with a Unicode font
 * (DejaVu Sans) so that every name prints. Kept in memory per version of the report.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { TFunction } from "i18next";
import { marked } from "marked";
import PDFDocument from "pdfkit";
import { formatChange, formatValue, itemLabel } from "~/features/reports/report-view";
import { formatDate } from "~/lib/format";
import type { ReportView } from "~/features/reports/report.server";
import type { Breakdown, ReportSection } from "~/features/reports/types";

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  };
  return fonts;
}

const MARGIN = 56;
const INK = "#1b1f24";
const MUTED = "#57606a";
const BRAND = "#0b5cad";

/** Markdown as paragraphs of plain text (the PDF has no links or emphasis). */
export function plainParagraphs(markdown: string): string[] {
  const strip = (text: string) =>
    text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/[*_`~]+/g, "")
      .replace(
        /&(amp|lt|gt|quot|#39);/g,
        (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "",
      )
      .trim();
  const out: string[] = [];
  for (const token of marked.lexer(markdown)) {
    if (token.type === "list") for (const item of token.items) out.push(`• ${strip(item.text)}`);
    else if ("text" in token && typeof token.text === "string") out.push(strip(token.text));
  }
  return out.filter(Boolean);
}

interface Context {
  doc: PDFKit.PDFDocument;
  t: TFunction;
  locale: string;
  names: Record<string, string>;
  year: number;
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawChart({ doc, t, locale, names }: Context, breakdown: Breakdown) {
  const items = breakdown.items;
  if (!items.length) return;
  const width = doc.page.width - MARGIN * 2;
  const labelWidth = width * 0.38;
  const barRoom = width - labelWidth - 70;
  const max = Math.max(1, ...items.map((i) => i.value));
  ensureRoom(doc, 40);
  doc
    .font("bold")
    .fontSize(11)
    .fillColor(INK)
    .text(t(`reports:figure.${breakdown.key}.name`), MARGIN);
  doc.moveDown(0.3);
  for (const item of items) {
    ensureRoom(doc, 16);
    const y = doc.y;
    doc
      .font("regular")
      .fontSize(9)
      .fillColor(INK)
      .text(itemLabel(breakdown.naming, item.key, names, t), MARGIN, y, {
        width: labelWidth - 6,
        lineBreak: false,
        ellipsis: true,
      });
    const barWidth = item.value > 0 ? Math.max(1.5, (barRoom * item.value) / max) : 0;
    if (barWidth) doc.rect(MARGIN + labelWidth, y + 1, barWidth, 9).fill(BRAND);
    doc.fillColor(INK).text(formatValue(item.value, breakdown.unit, locale, t), MARGIN + labelWidth + barWidth + 4, y, {
      lineBreak: false,
    });
    doc.x = MARGIN;
    doc.y = y + 14;
  }
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(MUTED)
    .text(t(`reports:figure.${breakdown.key}.definition`), MARGIN, doc.y + 2, { width });
  doc.moveDown(0.8);
}

function drawSection(context: Context, section: ReportSection, text: string | undefined) {
  const { doc, t, locale, year } = context;
  const width = doc.page.width - MARGIN * 2;
  doc.addPage();
  doc
    .font("bold")
    .fontSize(18)
    .fillColor(BRAND)
    .text(t(`reports:section.${section.key}`), MARGIN, MARGIN, { width });
  doc.moveDown(0.5);
  if (text) {
    doc.font("regular").fontSize(10).fillColor(INK);
    for (const paragraph of plainParagraphs(text)) doc.text(paragraph, { width }).moveDown(0.4);
    doc.moveDown(0.4);
  }
  for (const figure of section.figures) {
    ensureRoom(doc, 50);
    const value = formatValue(figure.value, figure.unit, locale, t);
    doc
      .font("bold")
      .fontSize(11)
      .fillColor(INK)
      .text(`${t(`reports:figure.${figure.key}.name`)}: ${value}`, { width });
    if (figure.previous !== null) {
      const before = formatValue(figure.previous, figure.unit, locale, t);
      doc
        .font("regular")
        .fontSize(9)
        .fillColor(INK)
        .text(
          `${t("reports:page.previous", { year: year - 1, value: before })} (${t("reports:page.change")} ${formatChange(figure.value, figure.previous, locale)})`,
          { width },
        );
    }
    doc
      .font("regular")
      .fontSize(8)
      .fillColor(MUTED)
      .text(t(`reports:figure.${figure.key}.definition`), { width });
    doc.moveDown(0.5);
  }
  for (const target of section.targets ?? []) {
    ensureRoom(doc, 30);
    doc
      .font("regular")
      .fontSize(10)
      .fillColor(INK)
      .text(
        `${t("reports:page.targetLine", {
          title: target.title,
          value: formatValue(target.value, target.unit, locale, t),
          goal: formatValue(target.goal, target.unit, locale, t),
        })} — ${t(`targets:status.${target.status ?? (target.met ? "met" : "missed")}`)}`,
        { width },
      );
    doc.moveDown(0.3);
  }
  doc.moveDown(0.5);
  for (const breakdown of section.breakdowns) drawChart(context, breakdown);
  for (const list of section.lists) {
    ensureRoom(doc, 40);
    doc
      .font("bold")
      .fontSize(11)
      .fillColor(INK)
      .text(t(`reports:figure.${list.key}.name`), MARGIN, doc.y, { width });
    doc.font("regular").fontSize(9);
    if (!list.rows.length) doc.text(t("reports:page.empty"), { width });
    for (const row of list.rows) {
      ensureRoom(doc, 14);
      const parts = [
        row.label,
        row.jurisdiction ? (context.names[row.jurisdiction] ?? row.jurisdiction) : null,
        row.tag ? t(row.tag) : null,
        row.date ? formatDate(row.date, locale) : null,
        row.amount !== null ? formatValue(row.amount, "count", locale, t) : null,
      ].filter(Boolean);
      doc.text(`• ${parts.join(" — ")}`, { width });
    }
    doc.moveDown(0.8);
  }
}

export async function renderReportPdf(
  view: ReportView,
  t: TFunction,
  locale: string,
  names: Record<string, string>,
): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    autoFirstPage: true,
    info: { Title: t("reports:page.title", { year: view.year }), Subject: t("reports:index.title") },
    lang: locale,
    displayTitle: true,
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - MARGIN * 2;
  doc
    .font("bold")
    .fontSize(26)
    .fillColor(BRAND)
    .text(t("reports:page.title", { year: view.year }), MARGIN, 160, { width });
  doc.moveDown(0.5);
  doc
    .font("regular")
    .fontSize(12)
    .fillColor(INK)
    .text(t("reports:page.lead", { year: view.year }), { width });
  doc.moveDown(1);
  if (view.state === "draft") doc.fillColor("#8a5c00").text(t("reports:page.draft"), { width });
  else if (view.publishedAt) {
    doc.fillColor(MUTED).text(t("reports:page.publishedOn", { date: formatDate(view.publishedAt, locale) }));
  }
  if (view.revisedOn) {
    doc.fillColor("#8a5c00").text(t("reports:page.revised", { date: formatDate(view.revisedOn, locale) }), { width });
  }
  const shown = new Set(view.sections);
  const context: Context = { doc, t, locale, names, year: view.year };
  for (const section of view.figures.sections) {
    if (!shown.has(section.key)) continue;
    const texts = view.texts[section.key];
    const text = texts?.[locale] ?? texts?.en ?? (texts ? Object.values(texts)[0] : undefined);
    drawSection(context, section, text);
  }
  doc.end();
  return done;
}

const cache = new Map<string, Buffer>();
const CACHE_ENTRIES = 20;

/** The PDF of this version of the report (figures, sections, texts) in this language, made once. */
export async function reportPdf(view: ReportView, t: TFunction, locale: string, names: Record<string, string>) {
  const version = createHash("sha256")
    .update(
      JSON.stringify([view.year, view.state, view.publishedAt, view.revisedOn, view.sections, view.texts, locale]),
    )
    .update(JSON.stringify(view.figures.sections))
    .digest("hex");
  const ready = cache.get(version);
  if (ready) return { pdf: ready, version };
  const pdf = await renderReportPdf(view, t, locale, names);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(version, pdf);
  return { pdf, version };
}
