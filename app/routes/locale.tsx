import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setUserLocale } from "~/features/auth/accounts.server";
import { getOptionalUser } from "~/features/auth/guards.server";
import { safeRedirect } from "~/features/auth/redirect";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18next.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const requested = formData.get("locale");
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(user.id, locale);
  return redirect(safeRedirect(formData.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
