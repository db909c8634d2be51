import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, isStaff, notFound } from "~/features/auth/guards.server";
import { getCampaignBySlug } from "~/features/campaigns/campaigns.server";
import { campaignPage, campaignUrl } from "~/features/campaigns/public-page.server";
import { CampaignShareBlock } from "~/features/campaigns/share";
import { SEND_HONEYPOT_FIELD, SendLettersSchema } from "~/features/campaigns/forms";
import { LettersPreview, SenderForm, type SendActionData } from "~/features/campaigns/send-form";
import { prepareLetters, sendLetters, validSeed } from "~/features/campaigns/sending.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";
import { getLocale } from "~/i18n/i18next.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await campaignPage(params.slug ?? "", await getLocale(request));
  if (!page) throw notFound();
  // A draft is not public yet; staff see it to check it.
  if (page.status === "draft" && !isStaff(await getOptionalUser(request))) throw notFound();
  return { page, pageTitle: page.title, shareUrl: campaignUrl(page.slug) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const campaign = await getCampaignBySlug(params.slug ?? "");
  if (!campaign || campaign.status === "draft") throw notFound();
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const locale = await getLocale(request);
  const formData = await request.formData();
  const done = redirect(`/campaigns/${campaign.slug}?sent=1`, 303);
  const honeypot = formData.get(SEND_HONEYPOT_FIELD);
  // Bots get the same answer as people, and nothing is written.
  if (typeof honeypot === "string" && honeypot.trim() !== "") return done;

  const submission = parseWithZod(formData, { schema: SendLettersSchema });
  if (submission.status !== "success") return data<SendActionData>({ result: submission.reply() }, 400);
  const input = submission.value;
  const seedValue = formData.get("seed");
  const seed = validSeed(typeof seedValue === "string" ? seedValue : null);

  if (input.intent === "preview") {
    const prepared = await prepareLetters(campaign, input, locale, seed);
    if (!prepared.ok) {
      return data<SendActionData>(
        { result: submission.reply({ fieldErrors: prepared.fieldErrors, formErrors: prepared.formErrors }) },
        400,
      );
    }
    const values: Record<string, string> = { name: input.name, email: input.email };
    if (input.place) values.place = input.place;
    if (input.locality) values.locality = input.locality;
    if (input.personalNote) values.personalNote = input.personalNote;
    return data<SendActionData>({ result: submission.reply(), preview: { letters: prepared.letters, values, seed } });
  }

  const result = await sendLetters(campaign.id, input, { ip, locale, seed });
  if (result.ok) return done;
  // A repeat gets a first send's answer: anyone can type someone else's address, and the page must
  // not tell whether that address wrote to these lawmakers before. Nothing was written.
  if (result.already) return done;
  return data<SendActionData>(
    { result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }) },
    400,
  );
}

export default function CampaignPage() {
  const { t } = useTranslation(["campaigns", "common"]);
  const { page, shareUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const sent = searchParams.get("sent") === "1" && !actionData;
  const accepting = page.status === "open";
  return (
    <div className="stack">
      <p>
        <Link to="/campaigns">{t("list.all")}</Link>
      </p>
      <PageHeader title={page.title}>
        <p>
          <span className={`badge campaign-${page.status}`}>{t(`status.${page.status}`)}</span>
        </p>
      </PageHeader>
      <div lang={page.language}>
        {page.introduction.split(/\n{2,}/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <section className="card" aria-labelledby="threat-heading">
        <h2 id="threat-heading">{t("page.threatHeading")}</h2>
        <p>
          <strong>{page.threat.shortName ?? page.threat.title}</strong>
          {page.threat.shortName ? ` — ${page.threat.title}` : ""} ({page.threat.jurisdiction})
        </p>
        <div className="prose" dangerouslySetInnerHTML={{ __html: page.threat.summaryHtml }} />
        <p>
          <Link to={`/threats/${page.threat.slug}`}>{t("page.threatLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="recipients-heading">
        <h2 id="recipients-heading">{t("page.recipientsHeading")}</h2>
        {page.picks ? (
          <p>{t("page.recipientsPick", { count: page.recipientCount })}</p>
        ) : (
          <>
            <p>{t("page.recipientsAll", { count: page.recipientCount })}</p>
            <ul>
              {page.recipients.map((l) => (
                <li key={l.id}>
                  {l.name}
                  {l.title ? ` · ${l.title}` : ""}
                  {l.constituency ? ` (${l.constituency})` : ""}
                </li>
              ))}
            </ul>
            {page.recipientCount > page.recipients.length ? (
              <p>{t("page.andMore", { count: page.recipientCount - page.recipients.length })}</p>
            ) : null}
          </>
        )}
      </section>
      {sent ? (
        <div className="stack" role="status">
          <h2>{t("send.doneTitle")}</h2>
          <p className="alert alert-success">{t("send.done")}</p>
          <CampaignShareBlock url={shareUrl} title={page.title} />
        </div>
      ) : !accepting ? (
        <p className="alert alert-info" role="status">
          {t(`page.notAccepting.${page.status}`)}
        </p>
      ) : (
        <>
          {actionData?.preview ? <LettersPreview preview={actionData.preview} /> : null}
          <SenderForm
            lastResult={actionData?.result}
            places={page.places}
            asksNote={page.asksNote}
            asksLocality={page.asksLocality}
          />
        </>
      )}
    </div>
  );
}
