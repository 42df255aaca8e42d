/**
 * Free text as the API accepts it: names, labels, descriptions, references, emails,
 * passwords. Every string has a maximum length, and none may hold what cannot be stored and
 * read back exactly: NUL (libSQL cuts the text there), an unpaired UTF-16 surrogate (it comes
 * back as U+FFFD), or any other control character (C0, DEL, C1 — invisible in the UI, and
 * line breaks would split a CSV row). No field allows line breaks today; a field that needs
 * them gets its own schema, not an exception here.
 */
import * as v from 'valibot';
import { ISSUE } from './issues.ts';

/** Unicode general category Cc: U+0000–U+001F, U+007F–U+009F. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * A string of at most `maxLength` UTF-16 code units, well-formed, without control
 * characters. The first failed rule is the one reported, so each field gets one reason.
 */
export function Text(maxLength: number) {
  return v.config(
    v.pipe(
      v.string(ISSUE.WRONG_TYPE),
      v.maxLength(maxLength, ISSUE.TEXT_TOO_LONG),
      v.check(isWellFormed, ISSUE.TEXT_BROKEN_CHARACTERS),
      v.check((text) => !CONTROL_CHARACTER.test(text), ISSUE.TEXT_CONTROL_CHARACTERS),
    ),
    { abortPipeEarly: true },
  );
}

/**
 * `String.prototype.isWellFormed` (Node 20, every current browser); typed here because the
 * project's TypeScript library stops at ES2022.
 */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
