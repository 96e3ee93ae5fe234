// The receiving gateway's verdict on an inbound mail (RFC 8601 `Authentication-Results`).

/** One `Authentication-Results` header: who wrote it, and its method results. */
interface Results {
  authServId: string;
  /** `dmarc` → `pass`, `dkim` → `fail`, … (the first result of each method). */
  methods: Map<string, { result: string; properties: string }>;
}

/** Parses `<authserv-id> [version]; method=result props; …`; comments in parentheses are dropped. */
export function parseAuthenticationResults(value: string): Results {
  const text = value.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ');
  const [head = '', ...parts] = text.split(';');
  const methods = new Map<string, { result: string; properties: string }>();
  for (const part of parts) {
    const match = /^\s*([a-z0-9_-]+)\s*=\s*([a-z0-9_-]+)(.*)$/i.exec(part);
    if (!match) continue;
    const method = (match[1] ?? '').toLowerCase();
    if (!methods.has(method)) {
      methods.set(method, { result: (match[2] ?? '').toLowerCase(), properties: match[3] ?? '' });
    }
  }
  return { authServId: (head.trim().split(' ')[0] ?? '').toLowerCase(), methods };
}

const domainOf = (address: string): string => (address.split('@').pop() ?? '').toLowerCase();

/** DKIM's signing domain aligns with the From domain when it is that domain or a parent of it. */
const aligned = (signingDomain: string, fromDomain: string): boolean =>
  signingDomain !== '' && (fromDomain === signingDomain || fromDomain.endsWith(`.${signingDomain}`));

/**
 * Whether the receiving gateway vouched for the From address: the topmost `Authentication-Results`
 * written by a trusted authserv-id (ours; any other header could come from the sender) says
 * `dmarc=pass`, or, without a DMARC result, `dkim=pass` for a domain aligned with the From domain.
 * No trusted header, or no trusted id configured, is no verdict: the mail is not authenticated.
 *
 * @param headers the header values in order, topmost (the last added) first
 */
export function passesAuthentication(
  headers: readonly string[],
  fromAddress: string,
  trustedAuthServIds: readonly string[],
): boolean {
  const trusted = new Set(trustedAuthServIds.map((id) => id.toLowerCase()));
  const ours = headers.map(parseAuthenticationResults).find((r) => trusted.has(r.authServId));
  if (ours === undefined) return false;
  const dmarc = ours.methods.get('dmarc');
  if (dmarc !== undefined) return dmarc.result === 'pass';
  const dkim = ours.methods.get('dkim');
  if (dkim?.result !== 'pass') return false;
  const signingDomain = /header\.d\s*=\s*([^\s;]+)/i.exec(dkim.properties)?.[1]?.toLowerCase() ?? '';
  return aligned(signingDomain, domainOf(fromAddress));
}
