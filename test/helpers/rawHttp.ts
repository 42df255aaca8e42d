/**
 * HTTP below the typed client, for the abuse tests: a huge body streamed at a server (with a
 * Content-Length, or chunked without one) that stops writing as soon as the server answers,
 * a plain GET that shows the bytes as sent (no automatic decompression), and the memory of
 * a server process.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';

export interface UploadResult {
  readonly status: number;
  readonly body: string;
  /** Body bytes the client had handed to the socket when the answer arrived. */
  readonly sentBytesAtAnswer: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 'a');

/**
 * POSTs `totalBytes` of filler to `url`. The answer, whenever it comes, ends the upload: a
 * server that refuses early has read only what it needed, and then closes the connection.
 */
export function streamUpload(
  url: string,
  options: { totalBytes: number; chunked: boolean; headers?: Record<string, string> },
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (!options.chunked) headers['content-length'] = String(options.totalBytes);
    const req = request(url, { method: 'POST', headers });
    let sent = 0;
    let answered = false;
    let wake: (() => void) | null = null;
    req.on('response', (res) => {
      answered = true;
      const sentBytesAtAnswer = sent;
      wake?.();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBytesAtAnswer });
      });
      res.on('error', reject);
    });
    // Once the server has answered and closed, writing fails; that is the expected end.
    req.on('error', (error) => {
      wake?.();
      if (!answered) reject(error);
    });
    const pump = async () => {
      while (!answered && sent < options.totalBytes && !req.destroyed) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, options.totalBytes - sent));
        sent += chunk.length;
        if (!req.write(chunk)) {
          await new Promise<void>((resume) => {
            wake = resume;
            req.once('drain', resume);
          });
          wake = null;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    void pump();
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as it came over the wire (still compressed, if it was). */
  readonly bytes: Buffer;
}

/** A GET with exactly these headers; nothing is added and nothing decoded. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          bytes: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The peak resident memory of a process so far (Linux: VmHWM in /proc/<pid>/status), bytes. */
export function peakMemoryBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) * 1024;
}
