/**
 * A reader with the rules of Go's encoding/csv (comma separator, RFC 4180 quoting, no lazy quotes):
 * CRLF is read as LF, empty lines are skipped, and errors carry Go's messages and line numbers.
 */

export class CsvParseError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`CSV parse error on line ${line}: ${reason}`);
  }
}

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line on which the record starts. */
  readonly line: number;
}

/**
 * Records (at most `limit`); throws CsvParseError. `fieldsPerRecord` > 0 enforces a field count (Go's
 * FieldsPerRecord).
 */
export function readCsv(input: string, fieldsPerRecord = 0, limit = Number.POSITIVE_INFINITY): CsvRecord[] {
  // Go reads CRLF as LF and drops a lone CR at the very end of the input.
  const text = input.replace(/\r\n/g, '\n').replace(/\r$/, '');
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length && records.length < limit) {
    // Skip empty lines.
    if (text[pos] === '\n') {
      pos++;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      if (text[pos] === '"') {
        pos++;
        let field = '';
        for (;;) {
          if (pos >= text.length) throw new CsvParseError(line, 'extraneous or missing " in quoted-field');
          const c = text[pos]!;
          if (c === '"') {
            if (text[pos + 1] === '"') {
              field += '"';
              pos += 2;
              continue;
            }
            pos++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          pos++;
        }
        fields.push(field);
        const next = text[pos];
        if (next === ',') {
          pos++;
          continue;
        }
        if (next === '\n' || next === undefined) break;
        throw new CsvParseError(line, 'extraneous or missing " in quoted-field');
      }
      let end = pos;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') {
        if (text[end] === '"') throw new CsvParseError(line, 'bare " in non-quoted-field');
        end++;
      }
      fields.push(text.slice(pos, end));
      pos = end;
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      break;
    }
    if (text[pos] === '\n') {
      pos++;
      line++;
    }
    if (fieldsPerRecord > 0 && fields.length !== fieldsPerRecord) {
      throw new CsvParseError(startLine, 'wrong number of fields');
    }
    records.push({ fields, line: startLine });
  }
  return records;
}
