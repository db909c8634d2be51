import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSession } from "~/features/auth/guards.server";
import { clearSessionCookie, invalidateSession } from "~/features/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) await invalidateSession(session.sessionId);
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
