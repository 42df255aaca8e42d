/**
 * Identifiers and human-readable numbers. Numbers use an alphabet without look-alike
 * characters (no I, L, O, U) so they can be read out and typed.
 */
import { customAlphabet } from 'nanoid';

const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const readable10 = customAlphabet(READABLE, 10);
const readable12 = customAlphabet(READABLE, 12);
const urlSafe = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 20);

export const newId = (prefix: string): string => `${prefix}_${urlSafe()}`;

/** "V-7K3M-Q9XZ-2B4D" */
export const newVoucherNumber = (): string => `V-${grouped(readable12())}`;

/** "C-7K3M-Q9XZ-2B4D" */
export const newCardNumber = (): string => `C-${grouped(readable12())}`;

/** "AW7K3MQ9XZ2B": quoted on bank transfers. */
export const newRemittanceRef = (): string => `AW${readable10()}`;

function grouped(text: string): string {
  return text.match(/.{1,4}/g)?.join('-') ?? text;
}
