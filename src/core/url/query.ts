// A link's query (and hash) as key/value pairs, decoded one pair at a time, so that one malformed
// %-escape ("?seed=%") is reported for its key instead of breaking the whole address.

export interface QueryPair {
  key: string;
  /** The decoded value; the raw text when `malformed`. */
  value: string;
  /** The value (or the key) holds a %-escape that does not decode. */
  malformed?: boolean;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function splitQuery(q: string): QueryPair[] {
  const pairs: QueryPair[] = [];
  for (const part of q.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const key = decode(rawKey);
    const value = decode(rawValue);
    if (key === null) pairs.push({ key: rawKey, value: rawValue, malformed: true });
    else if (value === null) pairs.push({ key, value: rawValue, malformed: true });
    else pairs.push({ key, value });
  }
  return pairs;
}

/** Reads a query string ("?a=1"), a hash ("#a=1"), a whole URL (query, then hash), or URLSearchParams. */
export function queryPairs(input: string | URLSearchParams): QueryPair[] {
  if (typeof input !== 'string') return [...input].map(([key, value]) => ({ key, value }));
  const s = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    // Split by hand: `new URL` would normalise the escapes we want to report.
    const hash = s.indexOf('#');
    const beforeHash = hash < 0 ? s : s.slice(0, hash);
    const q = beforeHash.indexOf('?');
    return [...splitQuery(q < 0 ? '' : beforeHash.slice(q + 1)), ...splitQuery(hash < 0 ? '' : s.slice(hash + 1))];
  }
  return splitQuery(s.replace(/^[?#]/, ''));
}
