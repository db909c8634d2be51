/** The threat tracker's vocabularies, shared by schemas, queries and pages. */
export const THREAT_KINDS = [
  "bill",
  "regulation",
  "draft_rule",
  "court_case",
  "international_process",
  "other",
] as const;
export const CATEGORIES = [
  "encryption",
  "fragmentation",
  "shutdown",
  "intermediary_liability",
  "routing_security",
  "privacy",
  "other",
] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
/** One lifecycle that fits every legal system; a threat's stage is its latest action's class. */
export const CLASSIFICATIONS = [
  "drafted",
  "consultation",
  "introduced",
  "committee",
  "passed_chamber",
  "passed_legislature",
  "enacted",
  "implementation",
  "amended",
  "withdrawn",
  "defeated",
  "lapsed",
  "struck_down",
  "reintroduced",
] as const;
export const OUTCOMES = ["open", "mitigated", "partially_mitigated", "not_mitigated"] as const;
export const RELATIONS = ["reintroduced_as", "replaces"] as const;
export const RATINGS = ["positive", "none", "negative", "severe"] as const;
export const STANCES = ["supportive", "neutral", "opposed"] as const;
export const STATEMENT_KINDS = ["statement", "delegation_position", "policy_adopted"] as const;
export const PROPOSAL_STATUSES = ["pending", "accepted", "merged", "rejected"] as const;

export type ThreatKind = (typeof THREAT_KINDS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Relation = (typeof RELATIONS)[number];
export type Rating = (typeof RATINGS)[number];
export type Stance = (typeof STANCES)[number];
export type StatementKind = (typeof STATEMENT_KINDS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
