/**
 * Demo data behind the yearly targets: the 2024 targets of ../shared/DESIGN.md, a few for 2026,
 * and the 2024 activity they are computed from. DATES, FIGURES AND DETAILS ARE ILLUSTRATIVE.
 */
import type { ActionKind } from "../db/schema";
import type { Category, Severity, Stance, StatementKind, ThreatKind } from "../app/lib/vocabularies";

export interface DemoTarget {
  year: number;
  title: string;
  metric: string;
  filter?: Record<string, string>;
  goal: number;
  manual?: { value: number; evidence: string; url?: string };
}

export const DEMO_TARGETS: DemoTarget[] = [
  {
    year: 2024,
    title: "Mitigate 75 % of threats to encryption",
    metric: "threats_mitigated_share",
    filter: { category: "encryption" },
    goal: 75,
  },
  { year: 2024, title: "Fight 5 new threats", metric: "new_threats_fought", goal: 5 },
  { year: 2024, title: "Fight known threats in 5 countries", metric: "countries_fought", goal: 5 },
  {
    year: 2024,
    title: "Mitigate 75 % of critical fragmentation threats in ITU processes",
    metric: "threats_mitigated_share",
    filter: { category: "fragmentation", jurisdiction: "INT" },
    goal: 75,
  },
  {
    year: 2024,
    title: "6 voluntary public statements by policymakers",
    metric: "policymaker_statements",
    filter: { stance: "supportive", kind: "statement" },
    goal: 6,
  },
  {
    year: 2024,
    title: "10 national delegations taking a pro-Internet position",
    metric: "manual",
    goal: 10,
    manual: {
      value: 8,
      evidence:
        "Delegations that spoke for an open, unfragmented Internet at WTSA-24 and in the Global Digital Compact negotiations, from the policy team's meeting notes (illustrative).",
      url: "https://www.itu.int/wtsa/2024/",
    },
  },
  { year: 2024, title: "25 % of member organisations advocating", metric: "members_advocating_share", goal: 25 },
  { year: 2024, title: "60 % of chapters advocating", metric: "chapters_advocating_share", goal: 60 },
  { year: 2024, title: "2 amicus briefs", metric: "advocacy_actions", filter: { kind: "amicus_brief" }, goal: 2 },
  { year: 2024, title: "1 million Global Encryption Day participants", metric: "ged_reach", goal: 1_000_000 },
  { year: 2026, title: "Fight 5 new threats", metric: "new_threats_fought", goal: 5 },
  { year: 2026, title: "65 % of chapters advocating", metric: "chapters_advocating_share", goal: 65 },
  { year: 2026, title: "20 advocacy actions", metric: "advocacy_actions", goal: 20 },
  { year: 2026, title: "1 million Global Encryption Day participants", metric: "ged_reach", goal: 1_000_000 },
];

export interface DemoExtraThreat {
  slug: string;
  jurisdiction: string;
  kind: ThreatKind;
  title: string;
  shortName: string;
  categories: Category[];
  severity: Severity;
  firstSeenOn: string;
  outcome?: { outcome: "mitigated" | "partially_mitigated" | "not_mitigated"; on: string; reason: string };
  summary: string;
}

const ILLUSTRATIVE = "\n\nDates and details are illustrative.";

/** Threats of 2024 the other demo seeds do not hold. */
export const DEMO_2024_THREATS: DemoExtraThreat[] = [
  {
    slug: "int-wtsa-24-2024",
    jurisdiction: "INT",
    kind: "international_process",
    title: "ITU World Telecommunication Standardization Assembly 2024 (WTSA-24) resolutions",
    shortName: "WTSA-24",
    categories: ["fragmentation"],
    severity: "critical",
    firstSeenOn: "2024-03-15",
    outcome: {
      outcome: "partially_mitigated",
      on: "2024-10-24",
      reason: "Proposals for a top-down network architecture were dropped; some study questions remain.",
    },
    summary: `Proposals at the ITU assembly could have moved Internet standards work away from open, multistakeholder bodies.${ILLUSTRATIVE}`,
  },
  {
    slug: "int-un-cybercrime-2024",
    jurisdiction: "INT",
    kind: "international_process",
    title: "UN Convention against Cybercrime",
    shortName: "UN cybercrime convention",
    categories: ["encryption", "privacy"],
    severity: "high",
    firstSeenOn: "2024-01-29",
    outcome: {
      outcome: "not_mitigated",
      on: "2024-08-08",
      reason: "Adopted by the ad hoc committee with broad cross-border access powers.",
    },
    summary: `A treaty with broad powers to access data across borders, without strong safeguards for encryption.${ILLUSTRATIVE}`,
  },
];

export interface DemoAction {
  by: string;
  kind: ActionKind;
  on: string;
  threat?: string;
  description: string;
  status?: "accepted" | "withdrawn" | "pending";
}

const CH = {
  kenya: "Kenya Chapter",
  nigeria: "Nigeria Chapter",
  benin: "Benin Chapter",
  ghana: "Ghana Chapter",
  bolivia: "Bolivia Chapter",
  sig: "Encryption Special Interest Group",
};
export const DEMO_ORG = "Open Networks Foundation (demo)";

/** `threat`: a demo threat key (demo-threats.data*.ts) or a slug of the threats above. */
export const DEMO_ACTIONS: DemoAction[] = [
  {
    by: CH.kenya,
    kind: "meeting",
    on: "2024-02-14",
    threat: "int-un-cybercrime-2024",
    description: "Briefed Kenya's delegation to the UN cybercrime committee on encryption safeguards.",
  },
  {
    by: CH.kenya,
    kind: "written_submission",
    on: "2024-04-30",
    threat: "kosa-2023",
    description: "Joined a written submission on the Kids Online Safety Act's effects on encryption.",
  },
  {
    by: CH.nigeria,
    kind: "impact_assessment",
    on: "2024-05-20",
    threat: "int-wtsa-24-2024",
    description: "Internet impact assessment of WTSA-24 proposals.",
  },
  { by: CH.nigeria, kind: "media", on: "2024-10-21", description: "Radio interview on Global Encryption Day." },
  {
    by: CH.benin,
    kind: "training",
    on: "2024-06-08",
    threat: "ca-online-harms",
    description: "Training for journalists on the Online Harms Act debate and secure messaging.",
  },
  {
    by: CH.ghana,
    kind: "public_statement",
    on: "2024-09-03",
    threat: "uk-osb",
    description: "Statement on the UK Online Safety Act's implementation codes.",
  },
  {
    by: CH.sig,
    kind: "amicus_brief",
    on: "2024-03-12",
    threat: "br-whatsapp-cases",
    description: "Amicus brief in the Brazilian Supreme Court's encryption case.",
  },
  {
    by: CH.sig,
    kind: "written_submission",
    on: "2024-07-19",
    threat: "au-esafety-codes",
    description: "Comments on Australia's final online safety standards.",
  },
  {
    by: DEMO_ORG,
    kind: "amicus_brief",
    on: "2024-11-05",
    threat: "in-telecom-bill",
    description: "Amicus brief on traceability rules under India's Telecommunications Act.",
  },
  {
    by: DEMO_ORG,
    kind: "meeting",
    on: "2024-12-31",
    threat: "stop-csam",
    description: "Meeting with Senate staff on the STOP CSAM Act.",
  },
  {
    by: "Digital Rights Kenya (demo)",
    kind: "open_letter",
    on: "2024-08-01",
    threat: "int-un-cybercrime-2024",
    description: "Co-signed an open letter on the UN cybercrime convention.",
  },
  {
    by: "SecureMail Co. (demo)",
    kind: "meeting",
    on: "2024-06-18",
    threat: "int-wtsa-24-2024",
    description: "Met the national ITU delegation before WTSA-24.",
  },
  {
    by: CH.bolivia,
    kind: "amicus_brief",
    on: "2024-08-20",
    description: "Draft amicus brief, withdrawn before filing.",
    status: "withdrawn",
  },
  {
    by: CH.benin,
    kind: "meeting",
    on: "2026-04-22",
    description: "Meeting with the telecom regulator on lawful interception rules.",
  },
  {
    by: CH.ghana,
    kind: "written_submission",
    on: "2026-08-14",
    description: "Submission on the draft cybersecurity amendment.",
  },
  {
    by: CH.kenya,
    kind: "meeting",
    on: "2026-02-10",
    description: "Meeting with the ICT committee on a data protection amendment.",
  },
  { by: CH.kenya, kind: "training", on: "2026-05-12", description: "Secure messaging training for county officials." },
  { by: CH.nigeria, kind: "media", on: "2026-10-21", description: "Op-ed for Global Encryption Day." },
  { by: CH.sig, kind: "written_submission", on: "2026-03-30", description: "Comments on an ITU study group draft." },
  {
    by: DEMO_ORG,
    kind: "public_statement",
    on: "2026-06-02",
    description: "Statement on client-side scanning proposals.",
  },
];

export interface DemoStatement2024 {
  speaker: string;
  role: string;
  body: string;
  jurisdiction: string;
  on: string;
  stance: Stance;
  kind: StatementKind;
  quote: string;
}

export const DEMO_STATEMENTS: DemoStatement2024[] = [
  {
    speaker: "Demo Minister of ICT",
    role: "Minister",
    body: "Ministry of ICT (demo)",
    jurisdiction: "KE",
    on: "2024-01-01",
    stance: "supportive",
    kind: "statement",
    quote: "(Paraphrase, illustrative) Strong encryption protects our citizens and our economy.",
  },
  {
    speaker: "Demo Data Protection Commissioner",
    role: "Commissioner",
    body: "Data Protection Authority (demo)",
    jurisdiction: "NG",
    on: "2024-04-09",
    stance: "supportive",
    kind: "statement",
    quote: "(Paraphrase, illustrative) Weakening encryption would weaken data protection.",
  },
  {
    speaker: "Demo Member of Parliament",
    role: "MP",
    body: "National Assembly (demo)",
    jurisdiction: "GH",
    on: "2024-07-22",
    stance: "supportive",
    kind: "statement",
    quote: "(Paraphrase, illustrative) We will not legislate backdoors.",
  },
  {
    speaker: "Demo Senator",
    role: "Senator",
    body: "Senate (demo)",
    jurisdiction: "BO",
    on: "2024-10-21",
    stance: "supportive",
    kind: "statement",
    quote: "(Paraphrase, illustrative) Global Encryption Day reminds us why privacy matters.",
  },
  {
    speaker: "Demo Delegation Head",
    role: "Head of delegation",
    body: "WTSA-24 delegation (demo)",
    jurisdiction: "DE",
    on: "2024-10-18",
    stance: "supportive",
    kind: "delegation_position",
    quote: "(Paraphrase, illustrative) Internet standards belong in open, multistakeholder bodies.",
  },
  {
    speaker: "Demo Interior Minister",
    role: "Minister",
    body: "Ministry of the Interior (demo)",
    jurisdiction: "FR",
    on: "2024-11-12",
    stance: "opposed",
    kind: "statement",
    quote: "(Paraphrase, illustrative) Investigators need access to encrypted messages.",
  },
];
