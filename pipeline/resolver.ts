// The resolver base: the http(s) prefix that turns an AKN IRI (/akn/un/...) into a link in the HTML,
// EPUB and JSON-LD. There is no public AKN resolver for UN documents, so the default is a placeholder
// under the reserved .invalid domain (RFC 6761): it never resolves and says so, until a deployment sets
// its own with `--resolver-base URL` or the `resolverBase` option.
// Reads: an option value.   Writes: nothing.
import { InputError } from './report.js';

export const DEFAULT_RESOLVER_BASE = 'https://akn-resolver.invalid/';

/** The base as given (or the default), checked: an absolute http(s) URL without query or fragment. */
export function checkResolverBase(value: string | undefined, file = '--resolver-base'): string {
  const base = value ?? DEFAULT_RESOLVER_BASE;
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || /[\s<>"]/.test(base)) {
    throw new InputError(file, `resolver base "${base}" is not an absolute http(s) URL without query or fragment`, undefined, 'option');
  }
  return base;
}
