import type { LoaderFunctionArgs } from "@remix-run/node";
import { keyAllows } from "~/features/api-keys/keys.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { osdiAnswer, refuseParameters, requireOsdiId, resource } from "~/features/osdi/handlers.server";
import { getSignature, publicPetitionId } from "~/features/osdi/petitions.server";

/** One confirmed signature of a public petition. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    const key = await requireOsdiKey(request, "signatures");
    refuseParameters(request);
    const letterId = await publicPetitionId(requireOsdiId(params.id));
    const signatureId = requireOsdiId(params.signatureId);
    const found = letterId ? await getSignature(letterId, signatureId, keyAllows(key, "people", false)) : undefined;
    return resource(found, true);
  });
}
