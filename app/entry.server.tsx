import { Writable } from "node:stream";
import {
  type ActionFunctionArgs,
  type AppLoadContext,
  type EntryContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { logger } from "~/features/security/log.server";
import { i18nConfig } from "~/i18n/config";
import { getLocale } from "~/i18n/i18next.server";
import { resources } from "~/i18n/resources.server";

export const streamTimeout = 5_000;

// One initialised i18next instance per language, shared by all requests: a server render never
// changes its instance's language, and initialising one per request cost a tenth of a page view.
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: string): Promise<i18n> {
  let pending = instances.get(lng);
  if (!pending) {
    const instance = createInstance();
    pending = instance
      .use(initReactI18next)
      .init({ ...i18nConfig, resources, lng })
      .then(() => instance);
    instances.set(lng, pending);
  }
  return pending;
}

function describe(error: unknown) {
  return error instanceof Error
    ? { name: error.name, message: error.message, code: (error as { code?: unknown }).code, stack: error.stack }
    : { message: String(error) };
}

/** Unexpected loader/action errors, as one JSON log line; 404s and aborted requests are not errors. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (error instanceof Error && /^No route matches URL/.test(error.message)) return;
  logger.error({
    msg: "unhandled error",
    method: request.method,
    path: new URL(request.url).pathname,
    error: describe(error),
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nFor(await getLocale(request));
  const nonce = loadContext.cspNonce;

  // The page is sent whole, once everything has rendered: no route defers data, so streaming
  // gained nothing, while its many small writes were each compressed on their own, and a
  // known length lets small answers skip compression altogether.
  return new Promise<Response>((resolve, reject) => {
    let didError = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        const body = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(body.length));
        resolve(new Response(body, { headers: responseHeaders, status: didError ? 500 : responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          didError = true;
          logger.error({ msg: "render error", path: new URL(request.url).pathname, error: describe(error) });
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}
