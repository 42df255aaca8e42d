export * from './accounts.ts';
export * from './charges.ts';
export * from './instruments.ts';
export * from './ledger.ts';
export * from './operations.ts';
export * from './principals.ts';
export * from './moneyIn.ts';
export * from './users.ts';
