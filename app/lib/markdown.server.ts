import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown written by staff, as safe HTML: no scripts, styles, event handlers or iframes; links
 * only to http(s) and mailto, opened without passing the referrer.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "hr"],
    allowedAttributes: { a: ["href", "title", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
      h1: "h3",
      h2: "h3",
    },
  });
}
