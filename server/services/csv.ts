/**
 * CSV files people open in a spreadsheet: a UTF-8 byte-order mark first (Excel on Windows
 * reads a CSV as UTF-8 only when it starts with one; without it Chinese turns to mojibake),
 * a header row in the reader's language, then the records, streamed page by page so that an
 * export of a million rows never sits in memory at once.
 */
import { stringify } from 'csv-stringify/sync';
import type { Language } from '../../common/words.ts';

export const UTF8_BOM = '\uFEFF';

/** One column: its header in each language. */
export interface CsvColumn {
  readonly en: string;
  readonly zh: string;
}

export interface CsvPage<Cursor> {
  readonly records: readonly (readonly (string | number)[])[];
  /** Where the next page starts; null after the last page. */
  readonly next: Cursor | null;
}

export function csvStream<Cursor>(
  columns: readonly CsvColumn[],
  language: Language,
  readPage: (cursor: Cursor | null) => Promise<CsvPage<Cursor>>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const header = stringify([columns.map((column) => column[language])]);
        controller.enqueue(encoder.encode(UTF8_BOM + header));
      }
      const page = await readPage(cursor);
      const records = page.records.map((record) => [...record]);
      if (records.length > 0) controller.enqueue(encoder.encode(stringify(records)));
      if (page.next === null) controller.close();
      else cursor = page.next;
    },
  });
}
