import { Feed } from "feed";
import { escapeHtml } from "~/lib/html";
import type { TFunction } from "i18next";
import { loadConfig } from "~/config.server";
import { threatUrl } from "~/features/threats/api.server";
import { latestThreatChanges, type FeedChange } from "~/features/threats/feed.server";
import { getFixedT } from "~/i18n/i18next.server";

/** Characters XML 1.0 forbids, even escaped; lone surrogates as well. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Plain text elements (feed title, rights…): the XML writer escapes them itself. */
function plain(text: string): string {
  return text.replace(NOT_XML, "");
}

/**
 * Atom's `type="html"` text is HTML that readers render: escape people's text so that it shows
 * as typed (a title with `<script>` stays text), and so that `]]>` can never close the CDATA.
 */
function html(text: string): string {
  return escapeHtml(plain(text));
}

/** Atom feed of the latest steps and outcome changes across threats. Public, no guard. */
export async function loader() {
  const { appUrl } = loadConfig();
  const [changes, t, tc] = await Promise.all([
    latestThreatChanges(),
    getFixedT("en", "map"),
    getFixedT("en", "common"),
  ]);
  const tThreats = await getFixedT("en", "threats");
  const selfUrl = `${appUrl}/feeds/threats.atom`;
  const latest = changes.reduce<string | undefined>(
    (max, c) => (!max || c.updated_at > max ? c.updated_at : max),
    undefined,
  );
  const feed = new Feed({
    id: selfUrl,
    title: plain(t("feed.title", { app: tc("app.name") })),
    description: plain(t("feed.subtitle")),
    link: `${appUrl}/threats`,
    feedLinks: { atom: selfUrl },
    author: { name: plain(tc("app.name")), link: appUrl },
    copyright: plain(t("feed.rights")),
    generator: tc("app.name"),
    // Stable for an unchanged feed (caches and readers compare it); the epoch when it is empty.
    updated: new Date(latest ?? 0),
  });
  for (const change of changes) {
    const name = change.short_name || change.title;
    const what = changeLabel(change, tThreats, t);
    const link = threatUrl(change.slug, appUrl);
    feed.addItem({
      // Entry ids are permanent for feed readers: steps keep the "action-" prefix they were
      // published with, and a corrected or removed step keeps its id, so readers update the entry.
      id: `${link}#${change.type === "outcome" ? "outcome" : "action"}-${change.id}`,
      title: html(t("feed.entryTitle", { threat: name, change: what })),
      link,
      date: new Date(change.updated_at),
      published: new Date(change.created_at),
      content: entryContent(change, t),
    });
  }
  return new Response(feed.atom1(), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

function changeLabel(change: FeedChange, tThreats: TFunction, t: TFunction): string {
  if (change.type === "outcome") return tThreats("outcomeChange", { outcome: tThreats(`outcome.${change.outcome}`) });
  const step = tThreats(`classification.${change.classification}`);
  if (change.type === "removal") return t("feed.removed", { change: step });
  // A step edited after it was recorded says so: its content is the corrected one.
  return change.updated_at !== change.created_at ? t("feed.corrected", { change: step }) : step;
}

function entryContent(change: FeedChange, t: TFunction): string {
  const parts = [
    `<p>${html(t("feed.entryMeta", { title: change.title, jurisdiction: change.jurisdiction_code, date: change.date }))}</p>`,
  ];
  if (change.type === "removal") parts.push(`<p>${html(t("feed.removedNote"))}</p>`);
  if (change.note) parts.push(`<p>${html(change.note)}</p>`);
  if (change.source_url && /^https?:\/\//i.test(change.source_url)) {
    parts.push(`<p><a href="${html(change.source_url)}">${html(t("feed.source"))}</a></p>`);
  }
  return parts.join("");
}
