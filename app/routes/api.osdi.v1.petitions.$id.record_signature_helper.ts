import type { ActionFunctionArgs } from "@remix-run/node";
import { halError } from "~/features/osdi/hal.server";
import { recordSignatureAction } from "~/features/osdi/record-signature.server";
import { clientIp } from "~/features/security/request.server";

/** A helper takes POST only. */
export function loader() {
  return halError(405, "method_not_allowed", "The record signature helper takes POST only.", undefined, {
    Allow: "POST",
  });
}

/** OSDI's record signature helper at its own address: the same as POSTing to the signatures. */
export function action({ request, params, context }: ActionFunctionArgs) {
  return recordSignatureAction(request, params.id, clientIp(context));
}
