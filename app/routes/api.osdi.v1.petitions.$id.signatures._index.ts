import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { keyAllows } from "~/features/api-keys/keys.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { halJson, halNotFound } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery, requireOsdiId } from "~/features/osdi/handlers.server";
import { listSignatures, publicPetitionId } from "~/features/osdi/petitions.server";
import { recordSignatureAction } from "~/features/osdi/record-signature.server";
import { clientIp } from "~/features/security/request.server";

/** A petition's confirmed signatures, for a key with `signatures` (and the signers with `people`). */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    const key = await requireOsdiKey(request, "signatures");
    const letterId = await publicPetitionId(requireOsdiId(params.id));
    if (!letterId) return halNotFound();
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listSignatures(letterId, query, keyAllows(key, "people", false), filter), { personal: true });
  });
}

/** The record signature helper, as Action Network takes it on the signatures collection. */
export function action({ request, params, context }: ActionFunctionArgs) {
  return recordSignatureAction(request, params.id, clientIp(context));
}
