import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublicRead } from "~/features/osdi/access.server";
import { osdiAnswer, refuseParameters, requireOsdiId, resource } from "~/features/osdi/handlers.server";
import { getPetition } from "~/features/osdi/petitions.server";
import { clientIp } from "~/features/security/request.server";

/** One OSDI petition; drafts and unknown letters are 404. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await allowPublicRead(request, clientIp(context));
    refuseParameters(request);
    return resource(await getPetition(requireOsdiId(params.id)));
  });
}
