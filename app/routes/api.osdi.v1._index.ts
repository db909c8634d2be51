import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowPublicRead } from "~/features/osdi/access.server";
import { entryPoint } from "~/features/osdi/entry-point.server";
import { halJson } from "~/features/osdi/hal.server";
import { osdiAnswer, refuseParameters } from "~/features/osdi/handlers.server";
import { clientIp } from "~/features/security/request.server";

/** The OSDI API's entry point: links to every collection. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return osdiAnswer(async () => {
    await allowPublicRead(request, clientIp(context));
    refuseParameters(request);
    return halJson(entryPoint());
  });
}
