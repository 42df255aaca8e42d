/**
 * Endpoint signing secrets. A secret is 24 random bytes in Standard Webhooks form
 * (`whsec_<base64>`), shown to the admin once. The server must sign with it, so it cannot
 * be hashed; it is sealed at rest with AES-256-GCM under the deployment's webhook key:
 * WALLET_WEBHOOK_KEY when set (then a copy of the database alone reveals no secret), else a
 * random key the first instance stores in `settings` (which only keeps secrets out of
 * exports of the webhook tables; docs/OPERATIONS.md says to set the variable in production).
 */
import type { WalletDeps } from '../context.ts';
import { settingOrCreate } from '../settings.ts';

const PREFIX = 'whsec_';

export function newSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(24)));
}

/** The last four characters, to tell secrets apart in the UI. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}

export async function seal(deps: WalletDeps, secret: string): Promise<string> {
  const key = await sealingKey(deps);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(secret),
  );
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

export async function unseal(deps: WalletDeps, sealed: string): Promise<string> {
  const [version, iv, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !data) throw new Error('unknown sealed secret format');
  const key = await sealingKey(deps);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv) },
    key,
    fromBase64(data),
  );
  return new TextDecoder().decode(plain);
}

const keys = new WeakMap<object, Promise<CryptoKey>>();

function sealingKey(deps: WalletDeps): Promise<CryptoKey> {
  let key = keys.get(deps.database);
  if (!key) {
    key = loadKey(deps);
    keys.set(deps.database, key);
    key.catch(() => keys.delete(deps.database));
  }
  return key;
}

async function loadKey(deps: WalletDeps): Promise<CryptoKey> {
  const material =
    deps.config.webhooks.sealKey ??
    (await settingOrCreate(deps.database.db, 'webhook_seal_key', async () =>
      toBase64(crypto.getRandomValues(new Uint8Array(32))),
    ));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  return crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
