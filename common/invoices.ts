/**
 * The kinds of VAT invoice (发票) the wallet issues, and what each needs to know about the
 * buyer. Declared once here: the request schema, the database and the forms read it.
 *
 * - A general VAT invoice (增值税普通发票) needs the buyer's name and taxpayer id.
 * - A special VAT invoice (增值税专用发票) lets the buyer deduct input VAT, so it also prints the
 *   buyer's registered address and phone, and the bank and account number.
 */

export const INVOICE_TYPES = ['general', 'special'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];

/**
 * Where an invoice request stands. `requested` is pending; the others are final, and each
 * request reaches exactly one of them: issued or rejected by an operator, cancelled by the
 * account.
 */
export const INVOICE_STATUSES = ['requested', 'issued', 'rejected', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Buyer details beyond the name and taxpayer id, in the order a form asks for them. */
export const BUYER_DETAILS = ['address', 'phone', 'bankName', 'bankAccount'] as const;
export type BuyerDetail = (typeof BUYER_DETAILS)[number];

/** The buyer details each kind requires (any kind may carry the others). */
export const REQUIRED_BUYER_DETAILS: Readonly<Record<InvoiceType, readonly BuyerDetail[]>> = {
  general: [],
  special: BUYER_DETAILS,
};

/**
 * A taxpayer identification number (纳税人识别号): 15 characters (the former tax registration
 * number), 18 (the unified social credit code, 统一社会信用代码) or 20 (an identity card
 * number with two more digits), each a digit or a capital letter.
 */
export const TAX_ID_PATTERN = /^(?:[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20})$/;
