import type { HeadersFunction } from "@remix-run/node";

/** For routes whose loader sets headers of its own (Remix otherwise uses the root's). */
export const forwardLoaderHeaders: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
