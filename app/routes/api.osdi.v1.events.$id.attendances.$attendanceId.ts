import type { LoaderFunctionArgs } from "@remix-run/node";
import { keyAllows } from "~/features/api-keys/keys.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { approvedEventId, getAttendance } from "~/features/osdi/events.server";
import { osdiAnswer, refuseParameters, requireOsdiId, resource } from "~/features/osdi/handlers.server";

/** One confirmed RSVP of an approved event. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    const key = await requireOsdiKey(request, "attendances");
    refuseParameters(request);
    const eventId = await approvedEventId(requireOsdiId(params.id));
    const attendanceId = requireOsdiId(params.attendanceId);
    const found = eventId ? await getAttendance(eventId, attendanceId, keyAllows(key, "people", false)) : undefined;
    return resource(found, true);
  });
}
