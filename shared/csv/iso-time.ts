// ISO-8601 UTC formatting of epoch milliseconds without touching the clock, so the history export
// stays pure (the same output on every machine and time zone).

const MS_PER_DAY = 86_400_000;

/** Formats ms since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC, millisecond precision). */
export function formatIsoTime(ms: number): string {
  const t = Math.floor(ms);
  const days = Math.floor(t / MS_PER_DAY);
  const msOfDay = t - days * MS_PER_DAY;
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(msOfDay / 3_600_000);
  const mm = Math.floor((msOfDay % 3_600_000) / 60_000);
  const ss = Math.floor((msOfDay % 60_000) / 1000);
  const mmm = msOfDay % 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(mmm, 3)}Z`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
