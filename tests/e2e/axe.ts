import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** The WCAG levels checked: A and AA of WCAG 2.0 (axe's tags). */
export const AXE_TAGS = ["wcag2a", "wcag2aa"];

/** The impacts that fail a test; `minor` and `moderate` ones are attached to the report only. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Runs axe-core on the page as it is (rules of WCAG 2.0 A and AA) and fails on any serious or
 * critical violation, naming each rule, its help and the first nodes it found. Nothing is excluded:
 * a page that needs an exception gets it here, with its reason written next to it.
 */
export async function expectNoSeriousAxeViolations(page: Page, label = new URL(page.url()).pathname): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ""));
  if (results.violations.length) {
    await test.info().attach(`axe ${label}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: "application/json",
    });
  }
  const described = serious.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`)
        .join("\n"),
  );
  expect(described, `serious or critical axe violations on ${label}`).toEqual([]);
  // The check ran: axe found the page's content and passed rules on it.
  expect(results.passes.length, `axe passes on ${label}`).toBeGreaterThan(0);
}
