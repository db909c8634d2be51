import type { ActionFunctionArgs } from "@remix-run/node";
import { halError } from "~/features/osdi/hal.server";
import { recordAttendanceAction } from "~/features/osdi/record-attendance.server";

/** A helper takes POST only. */
export function loader() {
  return halError(405, "method_not_allowed", "The record attendance helper takes POST only.", undefined, {
    Allow: "POST",
  });
}

/** OSDI's record attendance helper at its own address: the same as POSTing to the attendances. */
export function action({ request, params }: ActionFunctionArgs) {
  return recordAttendanceAction(request, params.id);
}
