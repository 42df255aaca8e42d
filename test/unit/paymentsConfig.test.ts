/**
 * Which payment provider a configuration names (server/config.ts): the sandbox only when
 * asked for by name, never in production, never beside Alipay keys; Alipay when its keys
 * are there; otherwise not configured. And the local demo default of `npm start`.
 */
import { describe, expect, it } from 'vitest';
import { readConfig, readPayments, withLocalDemoDefaults } from '../../server/config.ts';

const KEYS = {
  ALIPAY_APP_ID: '2021004100000001',
  ALIPAY_APP_PRIVATE_KEY: 'app-private-key',
  ALIPAY_PUBLIC_KEY: 'alipay-public-key',
  ALIPAY_NOTIFY_URL: 'https://wallet.example.com/payments/alipay/notify',
};

type Env = Record<string, string | undefined>;

describe('readPayments', () => {
  //  environment                                                         mode
  const MODES: readonly (readonly [string, Env, 'alipay' | 'sandbox' | 'off'])[] = [
    ['nothing at all', {}, 'off'],
    ['nothing, in production', { NODE_ENV: 'production' }, 'off'],
    ['WALLET_PAYMENTS empty', { WALLET_PAYMENTS: '' }, 'off'],
    ['the sandbox by name', { WALLET_PAYMENTS: 'sandbox' }, 'sandbox'],
    ['the sandbox, NODE_ENV=test', { WALLET_PAYMENTS: 'sandbox', NODE_ENV: 'test' }, 'sandbox'],
    ['Alipay keys', KEYS, 'alipay'],
    ['Alipay keys, in production', { ...KEYS, NODE_ENV: 'production' }, 'alipay'],
    ['Alipay by name, with keys', { ...KEYS, WALLET_PAYMENTS: 'alipay' }, 'alipay'],
  ];

  it.each(MODES)('%s → %s', (_name, env, mode) => {
    expect(readPayments(env).mode).toBe(mode);
  });

  //  environment                                                    refused because
  const REFUSED: readonly (readonly [string, Env, RegExp])[] = [
    [
      'the sandbox in production',
      { WALLET_PAYMENTS: 'sandbox', NODE_ENV: 'production' },
      /WALLET_PAYMENTS=sandbox is refused when NODE_ENV=production/,
    ],
    [
      'the sandbox beside Alipay keys',
      { ...KEYS, WALLET_PAYMENTS: 'sandbox' },
      /ALIPAY_\* keys are set too/,
    ],
    ['Alipay by name, no keys', { WALLET_PAYMENTS: 'alipay' }, /needs ALIPAY_APP_ID/],
    ['an unknown provider', { WALLET_PAYMENTS: 'stripe' }, /must be "alipay" or "sandbox"/],
    ['a case variant', { WALLET_PAYMENTS: 'Sandbox' }, /must be "alipay" or "sandbox"/],
    ['some of the keys', { ALIPAY_APP_ID: KEYS.ALIPAY_APP_ID }, /together/],
  ];

  it.each(REFUSED)('refuses %s', (_name, env, reason) => {
    expect(() => readPayments(env)).toThrow(reason);
    expect(() => readConfig(env)).toThrow(reason);
  });

  it("defaults Alipay's gateway to production, and takes another when given", () => {
    const real = readPayments(KEYS);
    expect(real.mode === 'alipay' && real.alipay.gateway).toBe(
      'https://openapi.alipay.com/gateway.do',
    );
    const other = readPayments({ ...KEYS, ALIPAY_GATEWAY: 'http://127.0.0.1:9/gateway.do' });
    expect(other.mode === 'alipay' && other.alipay.gateway).toBe('http://127.0.0.1:9/gateway.do');
  });
});

describe('withLocalDemoDefaults (npm start --demo)', () => {
  //  environment                                          sandbox turned on
  const CASES: readonly (readonly [string, Env, boolean])[] = [
    ['a fresh clone', {}, true],
    ['a fresh clone on localhost', { HOST: 'localhost' }, true],
    ['production', { NODE_ENV: 'production' }, false],
    ['listening beyond loopback', { HOST: '0.0.0.0' }, false],
    ['Alipay keys', KEYS, false],
    ['only one Alipay variable', { ALIPAY_APP_ID: '1' }, false],
    ['payments named', { WALLET_PAYMENTS: 'alipay' }, false],
  ];

  it.each(CASES)('%s → %s', (_name, env, on) => {
    const { env: applied, demoSandbox } = withLocalDemoDefaults(env);
    expect(demoSandbox).toBe(on);
    expect(applied['WALLET_PAYMENTS']).toBe(on ? 'sandbox' : env['WALLET_PAYMENTS']);
  });
});
