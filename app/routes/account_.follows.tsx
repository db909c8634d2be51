import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { parseId } from "~/lib/ids";
import { requireUser } from "~/features/auth/guards.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { listFollows, removeFollow } from "~/features/threats/follows.server";

export const handle = { titleKey: "threats:follows.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { follows: await listFollows(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId((await request.formData()).get("followId"));
  if (id !== null) await removeFollow(user.id, id);
  return redirect("/account/follows");
}

export default function FollowsPage() {
  const { t, i18n } = useTranslation("threats");
  const { follows } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("follows.title")} lead={t("follows.lead")} />
      {follows.length === 0 ? (
        <p className="empty-state">{t("follows.none")}</p>
      ) : (
        <ul>
          {follows.map((f) => (
            <li key={f.id} className="inline-form">
              {f.slug ? (
                <Link to={`/threats/${f.slug}`}>{f.title}</Link>
              ) : (
                <Link to={`/countries/${f.jurisdiction_code}`}>
                  {t("follows.country", {
                    name: f.name_en
                      ? jurisdictionName(
                          { code: f.jurisdiction_code, name_en: f.name_en, name_fr: f.name_fr ?? f.name_en },
                          i18n.language,
                        )
                      : f.jurisdiction_code,
                  })}
                </Link>
              )}
              <Form method="post">
                <input type="hidden" name="followId" value={f.id} />
                <button type="submit" className="secondary button-small">
                  {t("follows.stop")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
