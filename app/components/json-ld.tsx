import { useNonce } from "~/components/nonce";
import { serializeJsonLd, type JsonLdValue } from "~/lib/json-ld";

/** A schema.org description of the page for search engines and other tools, with the page's nonce. */
export function JsonLd({ data }: { data: JsonLdValue | null | undefined }) {
  const nonce = useNonce();
  if (!data) return null;
  return (
    <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
  );
}
