import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { ErrorBody, ErrorDetail } from '../protocol/errors.ts';

export type { ErrorBody, ErrorDetail } from '../protocol/errors.ts';

// The protocol's schemas use zod's small build, which carries no messages of its own; the
// server's answers say what is wrong in English [T3].
z.config(en());

/** [T4] a request body is at most 1 MiB. */
export const BODY_LIMIT = 1024 * 1024;

/** An error meant for the client: routes throw it, the error handler answers with it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Extra response headers, e.g. `Retry-After` for 429 [T3]. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}

// [T3] names these codes; any other status gets its HTTP reason phrase in snake_case.
const CODE_FOR_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  426: 'protocol_unsupported',
  429: 'rate_limited',
};

export function codeForStatus(status: number): string {
  if (status >= 500) return 'internal';
  const phrase = STATUS_CODES[status] ?? 'error';
  return CODE_FOR_STATUS[status] ?? phrase.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** Turns anything thrown anywhere into the error the client sees. Never exposes a 5xx's text. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // Every zod error, of the small build or the full one, is a core $ZodError.
  if (err instanceof z.core.$ZodError) return invalidRequest(zodDetails(err));
  if (err instanceof URIError) return invalidRequest([{ path: [], message: err.message }]);
  const fastifyError = asFastifyError(err);
  const status = fastifyError?.statusCode;
  if (fastifyError === undefined || status === undefined || status < 400 || status >= 500) {
    return new ApiError(500, 'internal', 'Internal server error');
  }
  if (fastifyError.validation !== undefined) {
    return invalidRequest(validationDetails(fastifyError));
  }
  return new ApiError(status, codeForStatus(status), clientMessage(status, fastifyError));
}

// An error answer stays small whatever the request (issue 14: 500 mutations with 200 unknown
// fields each drew a 3.8 MB answer): its first problems, each in bounded words.
const MAX_DETAILS = 50;
const MAX_MESSAGE = 300;
const MAX_PATH_KEY = 100;

export function invalidRequest(details: ErrorDetail[]): ApiError {
  const shown = details.slice(0, MAX_DETAILS).map(boundedDetail);
  const more = details.length - shown.length;
  if (more > 0) shown.push({ path: [], message: `…and ${more} more problems like these` });
  return new ApiError(400, 'invalid_request', 'The request is invalid', { details: shown });
}

function boundedDetail({ path, message }: ErrorDetail): ErrorDetail {
  return {
    path: path.map((key) => (typeof key === 'string' ? shortened(key, MAX_PATH_KEY) : key)),
    message: shortened(message, MAX_MESSAGE),
  };
}

function shortened(text: string, most: number): string {
  return text.length <= most ? text : `${text.slice(0, most - 1)}…`;
}

function asFastifyError(err: unknown): FastifyError | undefined {
  return err instanceof Error ? (err as FastifyError) : undefined;
}

// Messages of fastify's own 4xx errors are written for clients; a few get clearer words.
function clientMessage(status: number, err: FastifyError): string {
  if (status === 413) return `The request body is larger than ${BODY_LIMIT} bytes`;
  if (status === 415) return 'A request body must be sent as Content-Type: application/json';
  if (err instanceof SyntaxError) return `The request body is not valid JSON: ${err.message}`;
  return err.message;
}

function zodDetails(err: z.core.$ZodError): ErrorDetail[] {
  return err.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }));
}

// Fastify's (ajv) schema errors carry a JSON pointer such as "/mutations/0/id".
function validationDetails(err: FastifyError): ErrorDetail[] {
  return (err.validation ?? []).map((v) => ({
    path: v.instancePath.split('/').filter((key) => key !== ''),
    message: v.message ?? 'is invalid',
  }));
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .headers(error.headers)
    .type('application/json; charset=utf-8')
    .send(error.toBody());
}

function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = toApiError(err);
  // A 500 is our bug: log what happened; the client gets only the code [T3].
  if (error.status >= 500 && error.code === 'internal')
    request.log.error({ err }, 'internal error');
  return sendError(reply, error);
}

/** [T3] a 404 for an unknown route (or a page that does not exist). */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const where = request.url.split('?')[0]?.slice(0, 200) ?? '';
  return sendError(
    reply,
    new ApiError(404, 'not_found', `Nothing here: ${request.method} ${where}`),
  );
}

/**
 * Server options that make fastify's own early errors T3-shaped: router errors (a bad URL)
 * go through `frameworkErrors`, malformed HTTP through `clientErrorHandler`, and fastify's
 * hard-coded 503 while closing is replaced by `refuseWhileClosing`.
 */
export const errorServerOptions = {
  bodyLimit: BODY_LIMIT,
  return503OnClosing: false,
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    void sendError(reply, toApiError(error));
  },
  clientErrorHandler,
} satisfies FastifyServerOptions;

/** Registers the error handler (every thrown error → T3) and the while-closing answer. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  refuseWhileClosing(app);
}

// During a graceful shutdown, requests still arriving on kept-alive connections get a T3 503
// instead of reaching routes whose storage may already be closed.
function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new ApiError(503, 'shutting_down', 'The server is shutting down; retry shortly');
  });
}

// Malformed HTTP never reaches fastify's routing: answer on the socket itself, still in T3.
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = clientErrorAnswer(err.code);
  const body = JSON.stringify(new ApiError(status, codeForStatus(status), message).toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function clientErrorAnswer(code: string | undefined): [number, string] {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'The request took too long to arrive'];
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'The request headers are too large'];
  return [400, 'Malformed HTTP request'];
}
