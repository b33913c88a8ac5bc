import type { LookupAddress, LookupOptions } from 'node:dns';
import { lazyRequire } from '../lazy.js';

// A URL from a file (a thumbnail in a co-author's .bib) must not make the build a proxy into the
// network it runs in: a CI runner's cloud metadata at 169.254.169.254, a service on 127.0.0.1, the
// office intranet. Such requests go to public https: addresses only, unless the user lifts it.

const ipaddr = lazyRequire<typeof import('ipaddr.js')>('ipaddr.js');
const dns = lazyRequire<typeof import('node:dns')>('node:dns');
const net = lazyRequire<typeof import('node:net')>('node:net');

/** Whether requests to URLs read from files are held to the rules, or lifted (--allow-private-network). */
export interface Egress {
  allowPrivateNetwork: boolean;
}

/**
 * Whether an address is public unicast. Refused: loopback, private, link-local (cloud metadata),
 * CGNAT, unique-local, multicast, broadcast, unspecified, reserved and documentation ranges, and
 * IPv6 forms that carry an IPv4 address (v4-mapped, NAT64, 6to4, Teredo), which could carry any.
 */
export function isPublicAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '');
  if (!ipaddr().isValid(plain)) return false;
  return ipaddr().parse(plain).range() === 'unicast';
}

/** Why a request to this URL is refused, or undefined when it may be made. */
export function urlProblem(url: URL, egress: Egress): string | undefined {
  if (url.protocol !== 'https:') return `only https: URLs are fetched, not ${url.protocol}`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!egress.allowPrivateNetwork && net().isIP(host) && !isPublicAddress(host)) return privateMessage(host, host);
  return undefined;
}

const privateMessage = (host: string, address: string): string =>
  `${host}${host === address ? '' : ` (${address})`} is not a public address (--allow-private-network allows it)`;

export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup, but an answer with any address that is not public is an error. It is what the
 * socket connects with, so the address checked is the address connected to (no second lookup
 * that a rebinding DNS server could answer differently).
 */
export function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns().lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) return callback(new PrivateAddressError(privateMessage(hostname, bad.address)), '');
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    callback(null, first.address, first.family);
  });
}
