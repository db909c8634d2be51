import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublicRead } from "~/features/osdi/access.server";
import { getOsdiEvent } from "~/features/osdi/events.server";
import { osdiAnswer, refuseParameters, requireOsdiId, resource } from "~/features/osdi/handlers.server";
import { clientIp } from "~/features/security/request.server";

/** One approved event; others are 404. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await allowPublicRead(request, clientIp(context));
    refuseParameters(request);
    return resource(await getOsdiEvent(requireOsdiId(params.id)));
  });
}
