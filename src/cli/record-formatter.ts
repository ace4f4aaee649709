import { ndjsonLine } from '../report/ndjson.js';
import type { LogRecord } from '../types.js';

/** Turns one record into the text written for it (with its line end). */
export type RecordFormatter = (record: LogRecord) => string;

/** What a formatter may depend on. */
export interface FormatterOptions {
  readonly catalogueVersion: string;
  /** Colour for pretty output (decided by `resolveColor`). */
  readonly color: boolean;
  /** Pretty output: the whole catalogue entry under each hit. */
  readonly explain: boolean;
  /** Pretty output: show times in UTC rather than the machine's zone. */
  readonly utc: boolean;
}

/**
 * The formatter for a per-record format, from a map of format name to builder. Pretty output pulls in pino-pretty,
 * so it is imported only when chosen: start-up time of the NDJSON path must not pay for it.
 */
const BUILDERS: Readonly<Record<string, (options: FormatterOptions) => Promise<RecordFormatter>>> = {
  ndjson: (options) => Promise.resolve((record) => ndjsonLine(record, options.catalogueVersion)),
  pretty: async (options) => {
    const { createPrettyFormatter } = await import('../report/pretty.js');
    return createPrettyFormatter({ color: options.color, explain: options.explain, utc: options.utc });
  },
};

/**
 * Builds the formatter for `format` ("ndjson" or "pretty").
 * @throws Error for a format that is not per record (summary formats are rendered once, at the end).
 */
export async function createRecordFormatter(format: string, options: FormatterOptions): Promise<RecordFormatter> {
  const build = BUILDERS[format];
  if (build === undefined) throw new Error(`no record formatter for format "${format}"`);
  return build(options);
}
