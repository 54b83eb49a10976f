import type { Article } from '../document/types.ts';

/**
 * Ingestion: bytes or text from anywhere to clean Articles. This module is the
 * dispatcher (sniffs HTML, RSS/Atom feeds, plain text, binary) and stays free
 * of Node-only APIs; fetching URLs lives in src/node/fetch.ts.
 */
export interface IngestOptions {
  /** HTTP Content-Type header, when the bytes came from the web (charset and type hints). */
  contentType?: string | null;
  /** Where the bytes came from (URL or file name): a hint for type, date and outlet. */
  url?: string | null;
  /** Analyse exactly as given: no header parsing, no boilerplate removal (`text` === input). */
  raw?: boolean;
  /** Publication date override (YYYY-MM-DD). */
  published?: string | null;
  /** Title override. */
  title?: string | null;
}

/** An input that cannot become an article, with a stable code (E_EMPTY, E_BINARY, E_TOO_LARGE, …). */
export class IngestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Bytes of a file or HTTP body → one article (or one per feed item). Throws IngestError on unusable input. */
export function ingestBytes(_bytes: Uint8Array, _opts: IngestOptions = {}): Article[] {
  throw new IngestError('E_NOT_IMPLEMENTED', 'ingestion is not implemented yet');
}

/** Already-decoded text (plain text, or HTML when it looks like HTML) → articles. */
export function ingestText(_text: string, _opts: IngestOptions = {}): Article[] {
  throw new IngestError('E_NOT_IMPLEMENTED', 'ingestion is not implemented yet');
}
