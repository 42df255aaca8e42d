/**
 * Hands a request to the writer object with its body already read.
 *
 * Passing the incoming request on as it is would let workerd pump its body into the object
 * while the object runs. A procedure without input (`auth.signOut`, `admin.runExpiry`,
 * `ping`) answers without reading the body, the Worker returns that answer, and the pump then
 * reads the client's stream after the response was sent: workerd throws "Can't read from
 * request stream after response has been sent" and may reset the connection. Reading the body
 * here first ends the incoming stream before anything is answered.
 */
import { AUTHED_BODY_MAX_BYTES, PUBLIC_BODY_MAX_BYTES } from '../../common/limits.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';

export interface WriterNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(request: Request): Promise<Response> };
}

/** The one writer object of a deployment. */
export const WRITER_NAME = 'wallet';

/**
 * Most bytes the Worker holds for the writer, the sizes the app itself allows (decision 006):
 * little for requests without credentials and for the payment routes (Alipay's notify), more
 * for authenticated tRPC calls. Whether the credentials are valid is the object's business;
 * here they only decide how much may be read before anyone has checked them.
 */
const PUBLIC_FORWARD_MAX_BYTES = PUBLIC_BODY_MAX_BYTES;
const AUTHED_FORWARD_MAX_BYTES = AUTHED_BODY_MAX_BYTES;

export async function forwardToWriter(
  request: Request,
  writer: WriterNamespace,
): Promise<Response> {
  const maxBytes = forwardLimit(request);
  const body = await readBody(request, maxBytes);
  if (body === TOO_LARGE) {
    return Response.json({ error: `request body larger than ${maxBytes} bytes` }, { status: 413 });
  }
  const forwarded = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
  });
  return writer.get(writer.idFromName(WRITER_NAME)).fetch(forwarded);
}

function forwardLimit(request: Request): number {
  if (new URL(request.url).pathname.startsWith('/payments/')) return PUBLIC_FORWARD_MAX_BYTES;
  const cookies = request.headers.get('cookie') ?? '';
  const credentials =
    request.headers.has('authorization') || cookies.includes(`${SESSION_COOKIE}=`);
  return credentials ? AUTHED_FORWARD_MAX_BYTES : PUBLIC_FORWARD_MAX_BYTES;
}

const TOO_LARGE = Symbol('too large');

/** The whole body, or TOO_LARGE as soon as it passes `maxBytes` (the rest is never read). */
async function readBody(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null | typeof TOO_LARGE> {
  if (!request.body) return null;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return TOO_LARGE;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
