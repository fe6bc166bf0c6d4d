// Who is asking, for the per-client throttles (password attempts here, and
// twofa's `client`). A route handler in Next.js sees no socket address, and
// X-Forwarded-For is whatever the browser sent unless a proxy of yours
// rewrites it (Next.js fills it from the socket only when it is absent), so
// a header alone proves nothing.
//
// TRUST_PROXY=<n>: n proxies of yours stand in front and each appends the
// address it saw; the client is the n-th entry from the right, the one your
// outermost proxy wrote (entries to its left came from the browser). With
// one proxy that overwrites the header, n = 1 reads that one entry.
// Unset (the demo runs without a proxy): no client is known, and no
// per-client limit applies (the per-account ones do). Counting every request
// as one client instead would let one attacker lock the whole site out.
export function clientOf(request: Request): string | undefined {
  const proxies = Number(process.env.TRUST_PROXY ?? 0);
  if (!Number.isSafeInteger(proxies) || proxies < 1) return undefined;
  const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  const seen = hops[hops.length - proxies];
  return seen && seen.length <= 64 ? seen : undefined;
}
