import type { LoaderFunctionArgs } from "@remix-run/node";
import { keyAllows } from "~/features/api-keys/keys.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { getOutreach, publicCampaignId } from "~/features/osdi/campaigns.server";
import { osdiAnswer, refuseParameters, requireOsdiId, resource } from "~/features/osdi/handlers.server";

/** One confirmed sender of a public campaign, as an outreach. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    const key = await requireOsdiKey(request, "outreaches");
    refuseParameters(request);
    const campaignId = await publicCampaignId(requireOsdiId(params.id));
    const outreachId = requireOsdiId(params.outreachId);
    const found = campaignId ? await getOutreach(campaignId, outreachId, keyAllows(key, "people", false)) : undefined;
    return resource(found, true);
  });
}
