import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useRootData } from "~/root";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireUser } from "~/features/auth/guards.server";
import { SignatureDone, SignatureForm, type SignActionData } from "~/features/letters/signature-form";
import { IndividualSignatureSchema, isSignatureHoneypotFilled } from "~/features/letters/forms";
import { signForOrganisation, signIndividual } from "~/features/letters/signing.server";
import { letterForSigning, letterIdForSigning } from "~/features/letters/signing-letter.server";
import { letterUrl } from "~/features/letters/letter-page.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";
import { getLocale } from "~/i18n/i18next.server";

// GET shows the form on its own page (a link to share, and where a browser without JavaScript
// lands after a 400); the letter page embeds the same form. Success is a 303 to this page with
// `?done=…` (Post/Redirect/Get): no page to render per signature, and the answer page is the same
// for everyone, so the public-page micro-cache serves it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const letter = await letterForSigning(params.slug ?? "", await getLocale(request));
  // A draft is not public yet.
  if (!letter || letter.status === "draft") throw notFound();
  return {
    letter: { slug: letter.slug, status: letter.status, title: letter.title },
    share: { url: letterUrl(letter.slug), title: letter.title },
    pageTitle: letter.title,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = await getLocale(request);
  const letter = await letterIdForSigning(params.slug ?? "");
  if (!letter) throw notFound();
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const formData = await request.formData();

  if (formData.get("intent") === "organisation") {
    const user = await requireUser(request);
    const result = await signForOrganisation(user, letter.id);
    if (!result.ok) {
      return data<SignActionData>({ result: { status: "error", error: { "": result.formErrors ?? [] } } }, 400);
    }
    return done(letter.slug, "organisation");
  }

  const honeypot = isSignatureHoneypotFilled(formData);
  // Bots get the same answer as people, and nothing is written.
  if (honeypot) return done(letter.slug, "individual");
  const submission = parseWithZod(formData, { schema: IndividualSignatureSchema });
  if (submission.status !== "success") {
    return data<SignActionData>({ result: submission.reply() }, 400);
  }
  const result = await signIndividual(letter.id, submission.value, { ip, locale });
  if (!result.ok) {
    return data<SignActionData>(
      { result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }) },
      400,
    );
  }
  return done(letter.slug, "individual");
}

function done(slug: string, kind: "individual" | "organisation") {
  return redirect(`/letters/${encodeURIComponent(slug)}/sign?done=${kind}`, 303);
}

export default function SignLetterPage() {
  const root = useRootData();
  const { t } = useTranslation("signatures");
  const { letter, share } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const doneParam = searchParams.get("done");
  const done = doneParam === "individual" || doneParam === "organisation" ? doneParam : undefined;
  const letterUrl = `/letters/${encodeURIComponent(letter.slug)}`;
  return (
    <div className="narrow stack">
      <PageHeader title={letter.title} lead={t("page.lead")} />
      {done && !actionData ? (
        <>
          <h2>{done === "individual" ? t("done.checkEmailTitle") : t("done.organisationTitle")}</h2>
          <SignatureDone done={done} share={share} />
        </>
      ) : (
        <SignatureForm
          letter={letter}
          lastResult={actionData?.result}
          isRepresentative={root?.user?.role === "coalition_member"}
        />
      )}
      <p>
        <Link to={letterUrl}>{t("page.backToLetter")}</Link>
      </p>
    </div>
  );
}
