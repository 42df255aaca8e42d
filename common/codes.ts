/**
 * Activation codes as people see them: 21 random characters from Crockford's base-32
 * alphabet (105 bits), then one check character, printed in groups of four:
 * `7K3M-Q9XZ-2B4D-HT6R-WN8C-5P`. The alphabet has no I, L, O or U; when typed, I and L are
 * read as 1 and O as 0, case and dashes and spaces do not matter. The check character
 * (Luhn mod 32) catches every single wrong character and most swaps of neighbours before
 * the server spends a lookup on them.
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_BODY_LENGTH = 21;

export type CodeProblem = 'length' | 'characters' | 'check';

/** The check character of a code body (Luhn mod N over the alphabet). */
export function checkCharacter(body: string): string {
  const n = CODE_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const codePoint = CODE_ALPHABET.indexOf(body.charAt(i));
    let addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return CODE_ALPHABET.charAt((n - (sum % n)) % n);
}

/** Body plus check character, grouped by four. */
export function formatCode(body: string): string {
  const full = body + checkCharacter(body);
  return full.match(/.{1,4}/g)?.join('-') ?? full;
}

/** A code as typed, in canonical form (22 characters, no separators), or what is wrong. */
export function normalizeCode(typed: string):
  | { ok: true; code: string }
  | {
      ok: false;
      problem: CodeProblem;
    } {
  const compact = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (compact.length !== CODE_BODY_LENGTH + 1) return { ok: false, problem: 'length' };
  if ([...compact].some((char) => !CODE_ALPHABET.includes(char))) {
    return { ok: false, problem: 'characters' };
  }
  const body = compact.slice(0, CODE_BODY_LENGTH);
  if (checkCharacter(body) !== compact.slice(CODE_BODY_LENGTH)) {
    return { ok: false, problem: 'check' };
  }
  return { ok: true, code: compact };
}
