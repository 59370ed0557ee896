// `--timeout 90s`: a duration as a person writes it, in milliseconds.
import { ImpactedError } from '../errors.js';

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `500ms`, `90s`, `10m`, `1.5h`; a bare number is seconds. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const value = match ? Number(match[1]) * unitMs[(match[2] ?? 's') as keyof typeof unitMs] : Number.NaN;
  if (!Number.isFinite(value) || value <= 0 || value > 2 ** 31 - 1) {
    throw new ImpactedError('USAGE', `invalid ${option} "${text}": use a duration such as 90s, 10m or 1h (a bare number is seconds).`);
  }
  return Math.round(value);
}
