import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublicRead } from "~/features/osdi/access.server";
import { halJson } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery } from "~/features/osdi/handlers.server";
import { listPetitions } from "~/features/osdi/petitions.server";
import { clientIp } from "~/features/security/request.server";

/** OSDI petitions: the public open letters. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await allowPublicRead(request, clientIp(context));
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listPetitions(query, filter));
  });
}
