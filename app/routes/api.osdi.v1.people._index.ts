import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { halJson } from "~/features/osdi/hal.server";
import { osdiAnswer, requireCollectionQuery } from "~/features/osdi/handlers.server";
import { listPeople } from "~/features/osdi/people.server";

/** The people behind confirmed signatures, shared RSVPs and letters, for a key with `people`. */
export function loader({ request }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await requireOsdiKey(request, "people");
    const { query, filter } = requireCollectionQuery(request);
    return halJson(await listPeople(query, filter), { personal: true });
  });
}
