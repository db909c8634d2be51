import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { keyAllows } from "~/features/api-keys/keys.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { approvedEventId, listAttendances } from "~/features/osdi/events.server";
import { halJson, halNotFound } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery, requireOsdiId } from "~/features/osdi/handlers.server";
import { recordAttendanceAction } from "~/features/osdi/record-attendance.server";

/** An event's confirmed RSVPs, for a key with `attendances`. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    const key = await requireOsdiKey(request, "attendances");
    const eventId = await approvedEventId(requireOsdiId(params.id));
    if (!eventId) return halNotFound();
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listAttendances(eventId, query, keyAllows(key, "people", false), filter), { personal: true });
  });
}

/** The record attendance helper, as Action Network takes it on the attendances collection. */
export function action({ request, params }: ActionFunctionArgs) {
  return recordAttendanceAction(request, params.id);
}
