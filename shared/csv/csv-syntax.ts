// RFC-4180 CSV syntax: splitting text into records of fields (with the line each record starts on)
// and quoting fields for writing. Knows nothing about labels; labels-csv.ts builds on it.

/** A CSV syntax or content problem, with the 1-based line it was found on (0 when not tied to a line). */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  /** 1-based physical line number of the record, or 0. */
  readonly line: number;
  constructor(message: string, line = 0) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.line = line;
  }
}

/** One parsed record: its fields and the physical line it starts on (1-based). */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * Splits CSV text into records. Accepts a UTF-8 byte-order mark, LF or CRLF line ends, a missing
 * final line end, and quoted fields containing commas, quotes (doubled) and line breaks. Blank lines
 * are skipped (as pandas does). A stray quote inside an unquoted field, text after a closing quote,
 * or an unterminated quoted field is a CsvError naming the line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    // Fast path: a line without quotes or lone CRs is split as a whole (most lines of a labels.csv).
    const lf = text.indexOf('\n', i);
    const end = lf < 0 ? n : lf;
    const raw = text.slice(i, end);
    if (raw.indexOf('"') < 0) {
      const cr = raw.indexOf('\r');
      if (cr < 0 || cr === raw.length - 1) {
        const content = cr < 0 ? raw : raw.slice(0, cr);
        if (content.length > 0) records.push({ fields: content.split(','), line: startLine });
        i = end + 1;
        line++;
        continue;
      }
    }
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === 34 /* " */) {
        blank = false;
        const quoteLine = line;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError('unterminated quoted field', quoteLine);
          value += text.slice(i, q);
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          throw new CsvError('unexpected text after a closing quote', line);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) throw new CsvError('quote inside an unquoted field (quote the whole field and double the quote)', line);
          j++;
        }
        value = text.slice(i, j);
        if (j > i) blank = false;
        i = j;
      }
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        blank = false;
        i++;
        continue;
      }
      // Line end: CRLF, LF or a lone CR.
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      break;
    }
    if (!blank) records.push({ fields, line: startLine });
  }
  return records;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Quotes one field the way Python's csv module (and so pandas `to_csv`) does by default
 * (QUOTE_MINIMAL): only when it contains a comma, quote or line break; quotes are doubled.
 */
export function quoteCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Formats one record (without the line end). A record of one empty field is written `""` (as
 * Python's csv module does), so it is not mistaken for a blank line.
 */
export function formatCsvRecord(fields: readonly string[]): string {
  if (fields.length === 1 && fields[0] === '') return '""';
  return fields.map(quoteCsvField).join(',');
}
