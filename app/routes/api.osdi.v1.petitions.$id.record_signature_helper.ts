import type { ActionFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/features/security/request.server";
import { recordSignatureAction } from "~/features/osdi/record-signature.server";

/** OSDI's record signature helper at its own address: the same as POSTing to the signatures. */
export function action({ request, params, context }: ActionFunctionArgs) {
  return recordSignatureAction(request, params.id, clientIp(context));
}
