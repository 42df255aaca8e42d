/**
 * RSA key formats for the Alipay module: PEM and bare base64, PKCS#1 and PKCS#8/SPKI.
 *
 * Alipay's console and its key tool hand out keys in several shapes: a PEM block, or the bare
 * base64 body with no armour at all, and private keys either as PKCS#1 ("RSA PRIVATE KEY",
 * what the tool calls "PKCS1 for non-Java") or PKCS#8 ("PRIVATE KEY", "for Java"). Web Crypto
 * imports only PKCS#8 private keys and SPKI public keys, so this module normalises whatever it
 * is given to those DER encodings.
 *
 * Invariants:
 * - Web-platform APIs only (`atob`, `btoa`): the module runs unchanged on Node and Workers.
 * - The format of a bare base64 key is read from its DER structure, never guessed from its
 *   length, and anything that is not plainly one of the four RSA shapes is refused with an
 *   error that names what was found (an encrypted key or a certificate, for instance).
 * - Errors never echo key material.
 */

/** A DER-encoded RSA key in one of the two forms Web Crypto accepts. */
export interface DerKey {
  readonly format: 'pkcs8' | 'spki';
  readonly der: Uint8Array<ArrayBuffer>;
}

/** Standard base64 (with padding) of some bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  // String.fromCharCode over a spread has an argument-count limit; chunks keep it safe for
  // inputs larger than keys, such as signatures of long content.
  let binary = '';
  const chunkSize = 0x8000;
  for (let start = 0; start < bytes.length; start += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunkSize));
  }
  return btoa(binary);
}

/** Decodes standard base64; throws on characters outside the alphabet. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Wraps DER bytes in a PEM block with 64-column lines, as OpenSSL writes it. */
export function derToPem(der: Uint8Array, label: string): string {
  const body = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${body.join('\n')}\n-----END ${label}-----\n`;
}

/** The private key, as PKCS#8 DER, from PEM or bare base64 of PKCS#1 or PKCS#8. */
export function privateKeyDer(pemOrBase64: string): DerKey {
  const { label, der } = unarmour(pemOrBase64);
  const shape = label ?? sniffPrivate(der);
  if (shape === 'PRIVATE KEY') return { format: 'pkcs8', der };
  if (shape === 'RSA PRIVATE KEY') return { format: 'pkcs8', der: pkcs1PrivateToPkcs8(der) };
  throw new TypeError(`expected an RSA private key (PKCS#1 or PKCS#8), found ${describe(shape)}`);
}

/** The public key, as SPKI DER, from PEM or bare base64 of SPKI or PKCS#1. */
export function publicKeyDer(pemOrBase64: string): DerKey {
  const { label, der } = unarmour(pemOrBase64);
  const shape = label ?? sniffPublic(der);
  if (shape === 'PUBLIC KEY') return { format: 'spki', der };
  if (shape === 'RSA PUBLIC KEY') return { format: 'spki', der: pkcs1PublicToSpki(der) };
  throw new TypeError(`expected an RSA public key (SPKI or PKCS#1), found ${describe(shape)}`);
}

function describe(shape: string): string {
  return shape === 'unknown' ? 'something else' : `"${shape}"`;
}

/** Splits a PEM block into its label and DER body; bare base64 comes back without a label. */
function unarmour(text: string): { label: string | undefined; der: Uint8Array<ArrayBuffer> } {
  const trimmed = text.trim();
  const pem = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----$/.exec(trimmed);
  const label = pem?.[1];
  // Line breaks are free in both forms. Anything else outside the base64 alphabet (such as
  // the Proc-Type and DEK-Info headers of an OpenSSL-encrypted key) means we cannot use it.
  const body = (pem?.[2] ?? trimmed).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new TypeError(label === undefined ? 'key is neither PEM nor base64' : 'malformed PEM');
  }
  return { label, der: base64ToBytes(body) };
}

// ---------------------------------------------------------------------------------------------
// Minimal DER: just enough to tell the key shapes apart and to wrap PKCS#1 in PKCS#8 / SPKI.

/** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
const RSA_ALGORITHM_ID = [
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;

interface Tlv {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset just past the last content byte. */
  readonly end: number;
}

/** Reads one tag-length-value at `offset`, or undefined if the bytes are not valid DER. */
function readTlv(der: Uint8Array, offset: number): Tlv | undefined {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined) return undefined;
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const octets = first & 0x7f;
    // Keys are far smaller than 2^32 bytes; longer length fields are not keys.
    if (octets === 0 || octets > 4) return undefined;
    length = 0;
    for (let index = 0; index < octets; index += 1) {
      const octet = der[start + index];
      if (octet === undefined) return undefined;
      length = length * 256 + octet;
    }
    start += octets;
  }
  const end = start + length;
  return end <= der.length ? { tag, start, end } : undefined;
}

/** The tags of the elements directly inside the outer SEQUENCE, or [] if it is not one. */
function outerSequenceTags(der: Uint8Array): number[] {
  const outer = readTlv(der, 0);
  if (outer?.tag !== TAG_SEQUENCE || outer.end !== der.length) return [];
  const tags: number[] = [];
  for (let offset = outer.start; offset < outer.end;) {
    const element = readTlv(der, offset);
    if (element === undefined) return [];
    tags.push(element.tag);
    offset = element.end;
  }
  return tags;
}

/**
 * PKCS#8 is SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING key, ... } while
 * PKCS#1 is SEQUENCE { INTEGER version, INTEGER n, INTEGER e, ... eight integers in all }.
 */
function sniffPrivate(der: Uint8Array): string {
  const tags = outerSequenceTags(der);
  if (tags[0] === TAG_INTEGER && tags[1] === TAG_SEQUENCE && tags[2] === TAG_OCTET_STRING) {
    return 'PRIVATE KEY';
  }
  if (tags.length >= 9 && tags.every((tag) => tag === TAG_INTEGER)) return 'RSA PRIVATE KEY';
  return 'unknown';
}

/** SPKI is SEQUENCE { SEQUENCE algorithm, BIT STRING key }; PKCS#1 is SEQUENCE { n, e }. */
function sniffPublic(der: Uint8Array): string {
  const tags = outerSequenceTags(der);
  if (tags.length === 2 && tags[0] === TAG_SEQUENCE && tags[1] === TAG_BIT_STRING) {
    return 'PUBLIC KEY';
  }
  if (tags.length === 2 && tags[0] === TAG_INTEGER && tags[1] === TAG_INTEGER) {
    return 'RSA PUBLIC KEY';
  }
  return 'unknown';
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

function tlv(tag: number, ...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const contentLength = parts.reduce((sum, part) => sum + part.length, 0);
  const header = [tag, ...derLength(contentLength)];
  const out = new Uint8Array(header.length + contentLength);
  out.set(header, 0);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } } (RFC 5208). */
function pkcs1PrivateToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(TAG_SEQUENCE, [TAG_INTEGER, 1, 0], RSA_ALGORITHM_ID, tlv(TAG_OCTET_STRING, pkcs1));
}

/** SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey } } (RFC 5280). */
function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  // The leading zero is the BIT STRING's count of unused bits in its last octet.
  return tlv(TAG_SEQUENCE, RSA_ALGORITHM_ID, tlv(TAG_BIT_STRING, [0], pkcs1));
}
