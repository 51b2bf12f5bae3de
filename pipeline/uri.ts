// URIs and UN document symbols shared by the stages that write links (akn) and the publications that
// read them (HTML, JSON-LD): one percent-encoder and one undocs.org URL reader for the whole pipeline.
// Reads: strings.   Writes: strings.

/**
 * A link as an xs:anyURI / RFC 3986 URI: characters a URI cannot hold ("[", a space, a stray "%") are
 * percent-encoded, existing %XX escapes are kept, so the link stays the one printed. PDF extraction gives
 * hrefs such as `https://undocs.org/en/A/RES/[70/1`: browsers cope, XML tools and epubcheck do not.
 */
export function asUri(href: string): string {
  return href.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
}

/** The language segments undocs.org accepts before a symbol. */
const UNDOCS_LANGUAGES = new Set(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
const UNDOCS_URL = /^https?:\/\/(?:www\.)?undocs\.org\/(.+)$/i;

/** The symbol of an undocs.org URL: `https://undocs.org/{lang}/{symbol}` or `https://undocs.org/{symbol}`. */
export function symbolOfUndocsUrl(url: string): string | undefined {
  const match = UNDOCS_URL.exec(url.trim());
  if (!match) return undefined;
  let rest = match[1]!.replace(/[?#].*$/, '');
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // a stray % is kept as written
  }
  const segments = rest.split('/').filter((s) => s !== '');
  if (segments.length > 1 && UNDOCS_LANGUAGES.has(segments[0]!.toLowerCase())) segments.shift();
  return segments.length > 0 ? segments.join('/') : undefined;
}
