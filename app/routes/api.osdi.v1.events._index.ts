import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublicRead } from "~/features/osdi/access.server";
import { listOsdiEvents } from "~/features/osdi/events.server";
import { halJson } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery } from "~/features/osdi/handlers.server";
import { clientIp } from "~/features/security/request.server";

/** OSDI events: the approved Global Encryption Day events. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await allowPublicRead(request, clientIp(context));
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listOsdiEvents(query, filter));
  });
}
