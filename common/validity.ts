/**
 * Turns a requested validity into instants. Fixed dates are taken as given; "days" count
 * from activation. Either way the instrument must still be valid after `nowMs`, or issuing
 * it would hand out something that can never pay.
 */
import { DomainError } from './errors.ts';
import { fieldIssue } from './issues.ts';
import type { ValidityInput } from './schemas.ts';
import { addDaysMs } from './time.ts';

export interface ValidityWindow {
  readonly validFromMs: number;
  readonly expiresAtMs: number;
}

export function resolveValidity(validity: ValidityInput, activatedAtMs: number): ValidityWindow {
  if (validity.kind === 'days') {
    return { validFromMs: activatedAtMs, expiresAtMs: addDaysMs(activatedAtMs, validity.days) };
  }
  if (validity.expiresAtMs <= validity.validFromMs) {
    throw new DomainError('INVALID_VALIDITY', 'validity.expiresAtMs: must be after validFromMs', [
      fieldIssue('validity.expiresAtMs', 'VALIDITY_END_NOT_AFTER_START'),
    ]);
  }
  if (validity.expiresAtMs <= activatedAtMs) {
    throw new DomainError('INVALID_VALIDITY', 'validity.expiresAtMs: is already past', [
      fieldIssue('validity.expiresAtMs', 'ALREADY_PAST'),
    ]);
  }
  return { validFromMs: validity.validFromMs, expiresAtMs: validity.expiresAtMs };
}
