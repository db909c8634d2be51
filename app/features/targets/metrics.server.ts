/**
 * The metric catalogue: each metric key → how its value (and, when asked, the rows behind it) is
 * computed for a year and a filter. Definitions, in English and French, are in the `targets`
 * translations under `metric.<key>.definition`; keep them in step with the code below.
 */
import type { Selectable } from "kysely";
import type { TargetsTable } from "~db/schema";
import { isMetricKey, parseFilter, type MetricKey } from "~/features/targets/catalogue";
import {
  advocacyActions,
  chaptersAdvocatingShare,
  membersAdvocatingShare,
  policymakerStatements,
} from "~/features/targets/metrics-activity.server";
import { gedEvents, gedReach, lettersSent, signaturesConfirmed } from "~/features/targets/metrics-outreach.server";
import { countriesFought, newThreatsFought, threatsMitigatedShare } from "~/features/targets/metrics-threats.server";
import type { MetricComputer, MetricResult } from "~/features/targets/metric-types";
import { type Unit } from "~/lib/vocabularies";

export type { MetricResult, MetricRow } from "~/features/targets/metric-types";

const COMPUTERS: Record<Exclude<MetricKey, "manual">, MetricComputer> = {
  threats_mitigated_share: threatsMitigatedShare,
  new_threats_fought: newThreatsFought,
  countries_fought: countriesFought,
  policymaker_statements: policymakerStatements,
  chapters_advocating_share: chaptersAdvocatingShare,
  members_advocating_share: membersAdvocatingShare,
  advocacy_actions: advocacyActions,
  ged_events: gedEvents,
  ged_reach: gedReach,
  letters_sent: lettersSent,
  signatures_confirmed: signaturesConfirmed,
};

export type Target = Selectable<TargetsTable>;

/** The live value of a target (and the rows behind it when `withRows`). */
export async function computeTarget(target: Target, withRows: boolean): Promise<MetricResult> {
  const metric = target.metric;
  if (!isMetricKey(metric) || metric === "manual") {
    const unit: Unit = target.manual_unit ?? "count";
    return { value: target.manual_value ?? 0, unit, ...(withRows ? { rows: [] } : {}) };
  }
  return COMPUTERS[metric]({ year: target.year, filter: parseFilter(target.filter), withRows });
}
