/**
 * What every list parser shares: the error a malformed file raises, warnings about data that is
 * well-formed but not understood, byte-level progress, and streaming readers for text, lines and CSV.
 * Files are read in chunks so a 100 MB list never has to sit in memory as one string.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A list file that cannot be parsed; the import that reads it must be abandoned as a whole. */
export class ListFormatError extends Error {
  /** Base name of the file, e.g. "sdn.csv". */
  readonly file: string;
  /** One-based line where the problem was found, when it is known. */
  readonly line?: number;
  /** The column, element or property that is wrong, when there is one. */
  readonly field?: string;

  constructor(file: string, detail: string, where: { line?: number; field?: string; cause?: unknown } = {}) {
    const location = `${file}${where.line === undefined ? '' : ` line ${where.line}`}${where.field === undefined ? '' : `, ${where.field}`}`;
    super(`${location}: ${detail}`, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = 'ListFormatError';
    this.file = file;
    this.line = where.line;
    this.field = where.field;
  }
}

/** Something in a well-formed file that the parser had to leave out; reported, never fatal. */
export interface ListWarning {
  /** skipped-record: a record that is not a listed entity (e.g. an FtM Ownership); unmapped-country: a country name with no ISO code; unparsed-value: a date or other value in an unknown form. */
  kind: 'skipped-record' | 'unmapped-country' | 'unparsed-value';
  file: string;
  line?: number;
  /** The value that was left out (country name, date text, schema name). */
  value: string;
  message: string;
}

/** Options every parser takes. */
export interface ParseOptions {
  /** Name of the list source; prefixes entity ids of formats that have no fixed prefix (`<source>:<id>`). */
  source: string;
  /** Called after every chunk read, with the bytes read so far and the total size of all files. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Called for every value or record the parser had to leave out (see ListWarning). */
  onWarning?: (warning: ListWarning) => void;
}

/** Counts bytes read across all files of one import. */
export class ProgressCounter {
  private bytesRead = 0;

  constructor(
    readonly totalBytes: number,
    private readonly onProgress: ParseOptions['onProgress'],
  ) {}

  /** Adds bytes just read and tells the listener. */
  advance(bytes: number): void {
    this.bytesRead += bytes;
    this.onProgress?.(this.bytesRead, this.totalBytes);
  }
}

/** Checks that every file exists and is a regular file; returns their total size for progress. */
export async function totalFileSize(files: string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`;
      throw new ListFormatError(path.basename(file), `${reason}: ${file}`, { cause: err });
    }
    if (!stat.isFile()) throw new ListFormatError(path.basename(file), `not a regular file: ${file}`);
    total += stat.size;
  }
  return total;
}

/** Yields a file's text in chunks, decoded as strict UTF-8 (a leading BOM is dropped). */
export async function* readTextChunks(file: string, progress: ProgressCounter): AsyncGenerator<string> {
  const name = path.basename(file);
  // fatal: a byte sequence that is not UTF-8 would otherwise become U+FFFD inside names and
  // silently stop them from matching.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch (err) {
      throw new ListFormatError(name, `not valid UTF-8 text (within bytes ${offset}..${offset + (chunk?.length ?? 0)})`, { cause: err });
    }
  };
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      const text = decode(chunk);
      offset += chunk.length;
      progress.advance(chunk.length);
      if (text) yield text;
    }
  } catch (err) {
    if (err instanceof ListFormatError) throw err;
    throw new ListFormatError(name, `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const rest = decode();
  if (rest) yield rest;
}

/** One line of a text file without its line break. */
export interface TextLine {
  /** One-based. */
  line: number;
  text: string;
}

/**
 * Yields a file's lines (LF or CRLF), in batches of one chunk's worth: a generator step per line
 * would cost more than parsing the line.
 */
export async function* readLines(file: string, progress: ProgressCounter): AsyncGenerator<TextLine[]> {
  let carry = '';
  let line = 0;
  const strip = (text: string): string => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of readTextChunks(file, progress)) {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop() ?? '';
    yield parts.map((part) => ({ line: ++line, text: strip(part) }));
  }
  if (carry) yield [{ line: ++line, text: strip(carry) }];
}

/** One CSV record with the line it starts on. */
export interface CsvRecord {
  /** One-based line of the record's first character. */
  line: number;
  fields: string[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DOS_END_OF_FILE = '\x1a';

// Where the CSV parser is. IN_FIELD reads an unquoted field; QUOTE_SEEN has met a quote inside
// quotes (an escape or the closing one); AFTER_QUOTE is past the closing quote.
const FIELD_START = 0;
const IN_FIELD = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;
const AFTER_QUOTE = 4;

/**
 * A push parser for RFC 4180 CSV (quoted fields, "" escapes, line breaks inside quotes) that
 * remembers on which line each record starts, so errors can point at it. Field text is copied in
 * slices, not character by character, to keep a large file cheap.
 */
export class CsvRecordParser {
  private records: CsvRecord[] = [];
  private fields: string[] = [];
  private field = '';
  private state: number = FIELD_START;
  private line = 1;
  private recordLine = 1;

  constructor(private readonly file: string) {}

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    // The loop runs once per character of the file: state lives in locals while it does.
    let { state, line } = this;
    let sliceStart = 0;
    for (let i = 0; i < text.length; i++) {
      if (state === QUOTED) {
        // Quoted fields hold most of the text (OFAC's remarks): jump to the next quote.
        const quote = text.indexOf('"', i);
        const end = quote < 0 ? text.length : quote;
        for (let lineBreak = text.indexOf('\n', i); lineBreak >= 0 && lineBreak < end; lineBreak = text.indexOf('\n', lineBreak + 1)) line++;
        if (quote < 0) break;
        this.field += text.slice(sliceStart, quote);
        state = QUOTE_SEEN;
        i = quote;
        continue;
      }
      const code = text.charCodeAt(i);
      if (code === LF) line++;
      if (state === QUOTE_SEEN) {
        if (code === QUOTE) {
          this.field += '"';
          state = QUOTED;
          sliceStart = i + 1;
          continue;
        }
        state = AFTER_QUOTE;
      } else if (state === IN_FIELD) {
        if (code !== COMMA && code !== LF) continue;
        this.field += text.slice(sliceStart, i);
        // The CR of a CRLF may have arrived at the end of the previous chunk.
        if (code === LF && this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
      }
      if (code === COMMA) {
        this.endField();
        state = FIELD_START;
      } else if (code === LF) {
        this.endRecord(line);
        state = FIELD_START;
      } else if (state === AFTER_QUOTE) {
        // OFAC pads some fields with spaces; anything else after a closing quote means a stray quote.
        if (code !== CR && code !== SPACE && code !== TAB) {
          throw new ListFormatError(this.file, `unexpected ${JSON.stringify(text[i])} after a closing quote in column ${this.fields.length + 1}`, { line });
        }
      } else if (code === QUOTE) {
        state = QUOTED;
        sliceStart = i + 1;
      } else if (code !== CR) {
        state = IN_FIELD;
        sliceStart = i;
      }
    }
    if (state === IN_FIELD || state === QUOTED) this.field += text.slice(sliceStart);
    this.state = state;
    this.line = line;
    return this.records.splice(0);
  }

  /** Ends the input; returns the last record if the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.state === QUOTED) {
      throw new ListFormatError(this.file, `quoted field in column ${this.fields.length + 1} is never closed (file truncated?)`, { line: this.recordLine });
    }
    if (this.fields.length > 0 || this.field !== '' || this.state !== FIELD_START) this.endRecord(this.line);
    return this.records.splice(0);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
  }

  /** Ends the record; `nextLine` is where the next one starts. */
  private endRecord(nextLine: number): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    const isBlankLine = fields.length === 1 && fields[0]!.trim() === '';
    // Files exported from old Windows tools (OFAC's among them) end with a DOS end-of-file byte.
    const isEndOfFileMark = fields.length === 1 && fields[0] === DOS_END_OF_FILE;
    if (!isBlankLine && !isEndOfFileMark) this.records.push({ line: this.recordLine, fields });
    this.recordLine = nextLine;
  }
}

/** Yields the records of a CSV file in batches of one chunk's worth (see readLines). */
export async function* readCsvRecords(file: string, progress: ProgressCounter): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvRecordParser(path.basename(file));
  for await (const chunk of readTextChunks(file, progress)) yield parser.push(chunk);
  yield parser.end();
}
