import type { LoaderFunctionArgs } from "@remix-run/node";
import { keyAllows } from "~/features/api-keys/keys.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { listOutreaches, publicCampaignId } from "~/features/osdi/campaigns.server";
import { halJson, halNotFound } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery, requireOsdiId } from "~/features/osdi/handlers.server";

/** A campaign's confirmed senders as outreaches, for a key with `outreaches`. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    const key = await requireOsdiKey(request, "outreaches");
    const campaignId = await publicCampaignId(requireOsdiId(params.id));
    if (!campaignId) return halNotFound();
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listOutreaches(campaignId, query, keyAllows(key, "people", false), filter), {
      personal: true,
    });
  });
}
