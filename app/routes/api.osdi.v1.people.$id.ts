import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { osdiAnswer, refuseParameters, resource } from "~/features/osdi/handlers.server";
import { getPerson } from "~/features/osdi/people.server";

/** One person, `signer-<id>`, `attendee-<id>` or `sender-<id>`, for a key with `people`. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await requireOsdiKey(request, "people");
    refuseParameters(request);
    return resource(await getPerson(params.id ?? ""), true);
  });
}
