import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublicRead } from "~/features/osdi/access.server";
import { listAdvocacyCampaigns } from "~/features/osdi/campaigns.server";
import { halJson } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery } from "~/features/osdi/handlers.server";
import { clientIp } from "~/features/security/request.server";

/** OSDI advocacy campaigns: the letter campaigns to lawmakers, drafts left out. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await allowPublicRead(request, clientIp(context));
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listAdvocacyCampaigns(query, filter));
  });
}
