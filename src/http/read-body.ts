import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors';

/** A request that cannot be read as asked: carries the HTTP status and error code to answer with. */
export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = ErrorCode.BadRequest,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/** Reads the request body as text, refusing more than `limitBytes` (413) before buffering it all. */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw new RequestBodyError(413, `Request body is ${declared} bytes; the limit is ${limitBytes}`, ErrorCode.PayloadTooLarge);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    received += buffer.length;
    if (received > limitBytes) throw new RequestBodyError(413, `Request body exceeds the limit of ${limitBytes} bytes`, ErrorCode.PayloadTooLarge);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as Apollo expects it: parsed JSON for JSON requests, else the raw text. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (!contentType || !/^application\/(?:graphql-response\+)?json\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestBodyError(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
}
