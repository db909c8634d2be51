/**
 * "With at least one accepted advocacy action dated in the year": the question behind the
 * chapters', members' and threats' metrics, asked of the row whose id is `idRef` (e.g.
 * "chapters.id") through the action's `link` column.
 */
import { sql, type ExpressionBuilder } from "kysely";
import { db } from "~db/connection";

type ActionLink = "chapter_id" | "coalition_member_id" | "threat_id";
interface Bounds {
  from: string;
  to: string;
}

function acceptedActions(link: ActionLink, idRef: string, { from, to }: Bounds) {
  return db
    .selectFrom("advocacy_actions")
    .where(`advocacy_actions.${link}`, "=", sql.ref<number>(idRef))
    .where("advocacy_actions.review_status", "=", "accepted")
    .where("advocacy_actions.occurred_on", ">=", from)
    .where("advocacy_actions.occurred_on", "<", to);
}

/** A condition: the row has at least one. */
export function hasAcceptedAction<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  link: ActionLink,
  idRef: string,
  bounds: Bounds,
) {
  return eb.exists(acceptedActions(link, idRef, bounds).select("advocacy_actions.id"));
}

/** A column, `actions`: how many the row has. */
export function acceptedActionCount(link: ActionLink, idRef: string, bounds: Bounds) {
  return acceptedActions(link, idRef, bounds)
    .select((e) => e.fn.countAll<number>().as("n"))
    .as("actions");
}

/** Two columns over the selected rows: `total`, and `counted`, those with at least one. */
export function totalAndCounted<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  link: ActionLink,
  idRef: string,
  bounds: Bounds,
) {
  return [
    eb.fn.countAll<number>().as("total"),
    eb.fn
      .sum<number>(
        eb
          .case()
          .when(hasAcceptedAction(eb, link, idRef, bounds))
          .then(1)
          .else(0)
          .end(),
      )
      .as("counted"),
  ] as const;
}
