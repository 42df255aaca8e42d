/**
 * The API's errors in the UI's language. The API sends data — a domain code, its parameters
 * and field issues, each with its own code and parameters (common/errors.ts,
 * common/issues.ts) — and this module turns them into sentences from the dictionary
 * (client/src/i18n/errors.ts), with money and times formatted as everywhere else in the UI.
 * The English `message` the API also sends is never shown: it is for API users.
 *
 * A request that never got an answer from the API (the network is down, the server stopped,
 * a proxy answered with something else) has no error data; it reads "cannot reach the
 * server". Any other failure (a bug in the page) reads "something went wrong".
 */
import { TRPCClientError } from '@trpc/client';
import type { ErrorParams, FieldIssue } from '../../../common/issues.ts';
import { cny, time } from './format.ts';
import { language, t } from './i18n.ts';

export type { FieldIssue } from '../../../common/issues.ts';

interface ErrorData {
  readonly domainCode: string | null;
  readonly params: ErrorParams;
  readonly issues: readonly FieldIssue[];
}

/** The error data the API attached, or null when the error never came from the API. */
export function errorData(error: unknown): ErrorData | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as Partial<ErrorData> | null | undefined;
  if (!data || typeof data.domainCode !== 'string') return null;
  return {
    domainCode: data.domainCode,
    params: data.params ?? {},
    issues: Array.isArray(data.issues) ? data.issues : [],
  };
}

/** The field issues of an API error, or none. */
export function fieldIssues(error: unknown): readonly FieldIssue[] {
  return errorData(error)?.issues ?? [];
}

/** One field issue in words. */
export function issueText(issue: Pick<FieldIssue, 'code' | 'params'>): string {
  return t(`issue.${issue.code}`, formatParams(issue.params));
}

/**
 * A whole error in words: its domain code's sentence, followed by the sentences of its field
 * issues (for the alert of a form whose fields do not show them).
 */
export function errorText(error: unknown): string {
  const data = errorData(error);
  if (!data) return error instanceof TRPCClientError ? t('error.network') : t('common.error');
  const sentences = [
    t(`error.${data.domainCode}`, formatParams(data.params)),
    ...data.issues.map(issueText),
  ];
  return sentences.join(t('error.separator'));
}

/**
 * Parameters as the UI shows them, by the wire's unit suffixes: `…Amount` is money ("¥1,234.50"),
 * `…AtMs` an instant (Beijing time); lists are joined; anything else is printed as it is.
 */
export function formatParams(params: ErrorParams): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) shown[name] = value.join(language() === 'zh' ? '、' : ', ');
    else if (name.endsWith('Amount') && typeof value === 'string') shown[name] = money(value);
    else if (name.endsWith('AtMs') && typeof value === 'number') shown[name] = time(value);
    else shown[name] = String(value);
  }
  return shown;
}

/** Money with ¥; a value that is not an amount (never sent) is shown as it came. */
function money(value: string): string {
  try {
    return cny(value);
  } catch {
    return value;
  }
}
