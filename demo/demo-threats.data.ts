/**
 * Demo threats: the real bills, rules, court cases and international processes named in
 * ../shared/DESIGN.md, for demos and tests: the US ones here, the others in
 * demo-threats.data-world.ts. DATES AND DETAILS ARE ILLUSTRATIVE: they follow the public record as
 * far as we know it, but were not checked line by line against the sources.
 * Statement quotes are paraphrases of public positions, not verbatim quotations, and say so.
 * `stance` is the speaker's stance towards encryption and an open Internet (supportive = defends it).
 */
import type {
  Category,
  Classification,
  Outcome,
  Rating,
  Relation,
  Severity,
  Stance,
  StatementKind,
  ThreatKind,
} from "../app/lib/vocabularies";

export const ILLUSTRATIVE = "Dates and details are illustrative.";

export interface DemoAction {
  on: string;
  classification: Classification;
  note: string;
  source?: string;
}

export interface DemoStatement {
  speaker: string;
  role: string;
  body: string;
  jurisdiction: string;
  on: string;
  stance: Stance;
  kind: StatementKind;
  quote: string;
  url: string;
}

export interface DemoThreat {
  /** Stable key within this file, for relations, statements and the assessment. */
  key: string;
  jurisdiction: string;
  kind: ThreatKind;
  identifier: string;
  title: string;
  shortName: string;
  summary: string;
  categories: Category[];
  severity: Severity;
  firstSeenOn: string;
  sources: Array<{ url: string; label: string }>;
  actions: DemoAction[];
  outcome?: { outcome: Exclude<Outcome, "open">; reason: string; on: string };
  statements?: DemoStatement[];
}

/** A short Markdown summary whose last line says the dates are illustrative. */
export const summary = (...sentences: string[]) => `${sentences.join(" ")}\n\n${ILLUSTRATIVE}`;
export const paraphrase = (text: string) => `(Paraphrase) ${text}`;
const END_117TH = "2023-01-03";
const END_118TH = "2025-01-03";

export const US_DEMO_THREATS: DemoThreat[] = [
  {
    key: "earn-it-2022",
    jurisdiction: "US",
    kind: "bill",
    identifier: "S.3538",
    title: "Eliminating Abusive and Rampant Neglect of Interactive Technologies Act of 2022",
    shortName: "EARN IT Act",
    summary: summary(
      "Would remove **Section 230** immunity for claims about child sexual abuse material under state law,",
      "so that offering end-to-end encryption could be used as evidence against a provider.",
      "A national commission would write voluntary “best practices” for online services.",
    ),
    categories: ["encryption", "intermediary_liability"],
    severity: "critical",
    firstSeenOn: "2022-01-31",
    sources: [{ url: "https://www.congress.gov/bill/117th-congress/senate-bill/3538", label: "congress.gov: S.3538" }],
    actions: [
      {
        on: "2022-01-31",
        classification: "introduced",
        note: "Introduced in the Senate; referred to the Judiciary Committee.",
      },
      {
        on: "2022-02-10",
        classification: "committee",
        note: "Judiciary Committee markup: ordered reported without a floor date.",
      },
      { on: END_117TH, classification: "lapsed", note: "Died at the end of the 117th Congress without a floor vote." },
    ],
    outcome: {
      outcome: "mitigated",
      reason: "Never reached a floor vote; lapsed with the 117th Congress.",
      on: END_117TH,
    },
    statements: [
      {
        speaker: "Ron Wyden",
        role: "United States Senator (Oregon)",
        body: "United States Senate",
        jurisdiction: "US",
        on: "2022-02-10",
        stance: "supportive",
        kind: "statement",
        quote: paraphrase("The bill would push companies to weaken encryption and would not stop abusers."),
        url: "https://www.wyden.senate.gov/news/press-releases",
      },
    ],
  },
  {
    key: "earn-it-2023",
    jurisdiction: "US",
    kind: "bill",
    identifier: "S.1207",
    title: "Eliminating Abusive and Rampant Neglect of Interactive Technologies Act of 2023",
    shortName: "EARN IT Act",
    summary: summary(
      "The 2023 reintroduction of the EARN IT Act, with the same **Section 230** carve-out for state claims.",
      "Encryption is named as something that cannot by itself create liability, but it may still be used as evidence.",
    ),
    categories: ["encryption", "intermediary_liability"],
    severity: "critical",
    firstSeenOn: "2023-04-19",
    sources: [{ url: "https://www.congress.gov/bill/118th-congress/senate-bill/1207", label: "congress.gov: S.1207" }],
    actions: [
      { on: "2023-04-19", classification: "reintroduced", note: "Reintroduced in the 118th Congress as S.1207." },
      { on: "2023-05-04", classification: "committee", note: "Judiciary Committee markup: ordered reported." },
      { on: END_118TH, classification: "lapsed", note: "Died at the end of the 118th Congress without a floor vote." },
    ],
    outcome: {
      outcome: "mitigated",
      reason: "No floor vote in either chamber; lapsed with the 118th Congress.",
      on: END_118TH,
    },
  },
  {
    key: "kosa-2022",
    jurisdiction: "US",
    kind: "bill",
    identifier: "S.3663",
    title: "Kids Online Safety Act",
    shortName: "KOSA",
    summary: summary(
      "Would impose a **duty of care** on platforms towards minors and push them towards age verification.",
      "Civil society warned it would lead to over-removal of lawful content and more data collection about all users.",
    ),
    categories: ["privacy", "intermediary_liability"],
    severity: "high",
    firstSeenOn: "2022-02-16",
    sources: [{ url: "https://www.congress.gov/bill/117th-congress/senate-bill/3663", label: "congress.gov: S.3663" }],
    actions: [
      {
        on: "2022-02-16",
        classification: "introduced",
        note: "Introduced in the Senate; referred to the Commerce Committee.",
      },
      {
        on: "2022-07-27",
        classification: "committee",
        note: "Commerce Committee markup: ordered reported with an amendment.",
      },
      { on: END_117TH, classification: "lapsed", note: "Died at the end of the 117th Congress." },
    ],
    outcome: { outcome: "mitigated", reason: "Lapsed with the 117th Congress (reintroduced in 2023).", on: END_117TH },
  },
  {
    key: "kosa-2023",
    jurisdiction: "US",
    kind: "bill",
    identifier: "S.1409",
    title: "Kids Online Safety Act",
    shortName: "KOSA",
    summary: summary(
      "The 2023 reintroduction of KOSA, with a narrower duty of care and more co-sponsors.",
      "It passed the Senate as part of a larger children's online safety package but not the House.",
    ),
    categories: ["privacy", "intermediary_liability"],
    severity: "high",
    firstSeenOn: "2023-05-02",
    sources: [{ url: "https://www.congress.gov/bill/118th-congress/senate-bill/1409", label: "congress.gov: S.1409" }],
    actions: [
      { on: "2023-05-02", classification: "reintroduced", note: "Reintroduced in the 118th Congress as S.1409." },
      { on: "2023-07-27", classification: "committee", note: "Commerce Committee markup: ordered reported." },
      { on: "2024-07-30", classification: "passed_chamber", note: "Passed the Senate as part of S.2073 (KOSPA)." },
      {
        on: "2024-09-18",
        classification: "committee",
        note: "House Energy and Commerce advances a different House text.",
      },
      { on: END_118TH, classification: "lapsed", note: "Not taken up by the House; lapsed with the 118th Congress." },
    ],
    outcome: {
      outcome: "partially_mitigated",
      reason: "Passed the Senate but not the House; expected back.",
      on: END_118TH,
    },
  },
  {
    key: "stop-csam",
    jurisdiction: "US",
    kind: "bill",
    identifier: "S.1199",
    title:
      "Strengthening Transparency and Obligations to Protect Children Suffering from Abuse and Mistreatment Act of 2023",
    shortName: "STOP CSAM Act",
    summary: summary(
      "Would let victims sue providers that “promote or facilitate” child exploitation and expand reporting duties.",
      "The low liability standard could make offering end-to-end encryption a legal risk.",
    ),
    categories: ["encryption", "intermediary_liability"],
    severity: "high",
    firstSeenOn: "2023-04-19",
    sources: [{ url: "https://www.congress.gov/bill/118th-congress/senate-bill/1199", label: "congress.gov: S.1199" }],
    actions: [
      {
        on: "2023-04-19",
        classification: "introduced",
        note: "Introduced in the Senate; referred to the Judiciary Committee.",
      },
      { on: "2023-05-11", classification: "committee", note: "Judiciary Committee markup: ordered reported." },
      {
        on: END_118TH,
        classification: "lapsed",
        note: "Died at the end of the 118th Congress; a reintroduction is expected.",
      },
    ],
  },
  {
    key: "cooper-davis",
    jurisdiction: "US",
    kind: "bill",
    identifier: "S.1080",
    title: "Cooper Davis Act",
    shortName: "Cooper Davis Act",
    summary: summary(
      "Would require online services to report users they believe sell fentanyl or other drugs to the DEA.",
      "It would turn providers into monitors of private communications and pressure encrypted services to scan.",
    ),
    categories: ["privacy", "encryption"],
    severity: "medium",
    firstSeenOn: "2023-03-29",
    sources: [{ url: "https://www.congress.gov/bill/118th-congress/senate-bill/1080", label: "congress.gov: S.1080" }],
    actions: [
      {
        on: "2023-03-29",
        classification: "introduced",
        note: "Introduced in the Senate; referred to the Judiciary Committee.",
      },
      {
        on: "2023-07-13",
        classification: "committee",
        note: "Judiciary Committee markup: ordered reported with an amendment.",
      },
      { on: END_118TH, classification: "lapsed", note: "Died at the end of the 118th Congress." },
    ],
    outcome: { outcome: "mitigated", reason: "Lapsed with the 118th Congress without a floor vote.", on: END_118TH },
  },
];

export const DEMO_RELATIONS: Array<{ from: string; to: string; relation: Relation }> = [
  { from: "earn-it-2022", to: "earn-it-2023", relation: "reintroduced_as" },
  { from: "kosa-2022", to: "kosa-2023", relation: "reintroduced_as" },
];

/** An Internet impact assessment of the EU CSAM regulation, by impact_properties key. */
export const DEMO_ASSESSMENT: {
  threat: string;
  summary: string;
  ratings: Record<string, { rating: Rating; note: string }>;
} = {
  threat: "eu-csam",
  summary: "Detection orders on encrypted services would break confidentiality for everyone. " + ILLUSTRATIVE,
  ratings: {
    accessible_infrastructure: { rating: "negative", note: "Compliance costs push small and new providers out." },
    open_architecture: { rating: "negative", note: "Client-side scanning must be built into every messaging app." },
    decentralised_management: { rating: "none", note: "No change to routing or its management." },
    common_identifiers: { rating: "none", note: "No change to names, numbers or addresses." },
    neutral_network: { rating: "negative", note: "Services must inspect content to decide what they carry." },
    confidentiality: { rating: "severe", note: "Scanning before encryption defeats end-to-end encryption." },
    integrity: { rating: "negative", note: "Scanning software on devices is a new attack surface." },
    privacy: { rating: "severe", note: "Every private message becomes subject to automated inspection." },
    reliability: { rating: "negative", note: "False positives flood reporting and wrongly flag users." },
    accountability: { rating: "positive", note: "An EU Centre would publish transparency reports." },
  },
};
