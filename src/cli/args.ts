/** The CLI's values from flags and the environment, checked: a bad one is a usage error or a diagnostic. */
import { InvalidArgumentError } from 'commander';
import type { Diagnostic } from '../model/diagnostic.js';

/** The last second of the year 9999: the "Last updated" date has four digits. */
const LAST_EPOCH = 253_402_300_799;

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): unset or empty, none; a whole number of seconds up to
 * the year 9999; anything else is refused, as the specification asks, rather than ignored.
 */
export function epochFromEnv(): number | Diagnostic | undefined {
  const v = process.env.SOURCE_DATE_EPOCH;
  if (!v) return undefined;
  if (/^\d+$/.test(v) && Number(v) <= LAST_EPOCH) return Number(v);
  return {
    severity: 'error', code: 'cli/bad-epoch', file: 'SOURCE_DATE_EPOCH', line: 0, column: 0,
    message: `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" is not a number of seconds since 1970 up to the year 9999 (${LAST_EPOCH})`,
    hint: 'set it to a commit time, e.g. $(git log -1 --format=%ct), or unset it',
  };
}

export function parseHours(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of hours');
  return n;
}

export function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return n;
}
