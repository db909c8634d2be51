import fs from "node:fs";
import path from "node:path";
import { isLocale, SUPPORTED_LOCALES, type Locale } from "~/i18n/config";

interface ManifestChunk {
  file: string;
  imports?: string[];
}

let chunks: Partial<Record<Locale, string[]>> | undefined;

/** A chunk's file and the files it imports, as addresses, the chunk first. */
function withImports(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [`/${chunk.file}`, ...(chunk.imports ?? []).flatMap((k) => withImports(manifest, k, seen))];
}

/**
 * The browser chunk of each language's strings, from the client build's Vite manifest (absent
 * under the development server, which serves the modules themselves).
 */
function readChunks(): Partial<Record<Locale, string[]>> {
  const file = path.resolve("build/.vite/client-manifest.json");
  if (!fs.existsSync(file)) return {};
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, ManifestChunk>;
  return Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => [locale, withImports(manifest, `app/i18n/locales/${locale}/index.ts`)]),
  );
}

/**
 * The addresses of a language's strings chunk (and of anything it imports), for the page's
 * `<link rel="modulepreload">`: the browser fetches them alongside the entry script instead of
 * after it. Empty when unknown.
 */
export function localeChunkUrls(locale: string): string[] {
  chunks ??= readChunks();
  return isLocale(locale) ? (chunks[locale] ?? []) : [];
}
