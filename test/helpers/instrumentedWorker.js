// Test-only wrapper around the bundled Worker (copied next to worker.js by
// test/helpers/worker.ts). The same Worker, plus two things tests need to observe it:
// - the writer object records each request it serves (GET /__test/writer-calls);
// - GET /__test/uncaught?marker=X makes workerd log an uncaught error naming X, so a test
//   reading the runtime's log knows everything logged before it has arrived.
// Production code has no such hooks.
import worker, { WalletWriter } from './worker.js';

const CALLS_PATH = '/__test/writer-calls';
const UNCAUGHT_PATH = '/__test/uncaught';

export class CountingWriter extends WalletWriter {
  calls = [];

  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === CALLS_PATH) return Response.json(this.calls);
    this.calls.push(`${request.method} ${url.pathname}`);
    return super.fetch(request);
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === CALLS_PATH) {
      return env.WRITER.get(env.WRITER.idFromName('wallet')).fetch(request);
    }
    if (url.pathname === UNCAUGHT_PATH) {
      ctx.waitUntil(Promise.reject(new Error(url.searchParams.get('marker') ?? 'marker')));
      return new Response('logged');
    }
    return worker.fetch(request, env, ctx);
  },
  scheduled: (controller, env, ctx) => worker.scheduled(controller, env, ctx),
};
