import type { IncomingMessage, ServerResponse } from 'node:http';
export interface GraphiqlOptions { endpoint: string; defaultQuery: string; defaultVariables?: string }
export function createGraphiqlHandler(_options: GraphiqlOptions) { return (_req: IncomingMessage, _res: ServerResponse, _url: URL): boolean => false; }
export function wantsGraphiqlPage(req: IncomingMessage): boolean { return (req.headers.accept ?? '').includes('text/html'); }
