/**
 * Where webhooks may be sent: https anywhere, or plain http to a loopback address when the
 * deployment allows it (outside production: local receivers and tests). Nothing else — no
 * credentials in the URL, no other schemes.
 */
import { DomainError } from '../../../common/errors.ts';
import { fieldIssue } from '../../../common/issues.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkWebhookUrl(text: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused();
  }
  const https = url.protocol === 'https:';
  const loopbackHttp = allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if ((!https && !loopbackHttp) || url.username || url.password) throw refused();
  return url.toString();
}

function refused(): DomainError {
  return new DomainError(
    'VALIDATION',
    'url: must be an https URL (http only to a loopback address outside production)',
    [fieldIssue('url', 'WEBHOOK_URL_NOT_ALLOWED')],
  );
}
