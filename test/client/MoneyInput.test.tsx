/**
 * MoneyInput: the reason a typed amount is refused, from the API's own schema, shown under
 * the field once it was edited; an API error for the field wins; every keystroke reaches
 * the parent.
 */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MoneyInput } from '../../client/src/components/MoneyInput.tsx';
import { setLanguage } from '../../client/src/lib/i18n.ts';

function renderControlled(initial = '', error?: string) {
  const onInput = vi.fn<(value: string) => void>();
  const [value, setValue] = createSignal(initial);
  render(() => (
    <MoneyInput
      label="Amount"
      name="amount"
      id="amount"
      value={value()}
      error={error}
      onInput={(next) => {
        onInput(next);
        setValue(next);
      }}
    />
  ));
  return { input: screen.getByLabelText('Amount') as HTMLInputElement, onInput };
}

function reason(): string | null {
  return document.getElementById('amount-error')?.textContent ?? null;
}

describe('MoneyInput', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(cleanup);

  it('is a labelled decimal input with no reason before it is edited', () => {
    const { input } = renderControlled('');
    expect(input.getAttribute('inputmode')).toBe('decimal');
    expect(input.name).toBe('amount');
    expect(reason()).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  it.each([
    ['1.234', /at most two decimals/],
    ['-1', /non-negative/],
    ['1e3', /^Enter a non-negative amount with at most two decimals, such as 12\.34\.$/],
    ['0', /greater than zero/],
    ['99999999999', /must not exceed ¥10,000,000,000\.00/],
  ])('shows why %j is refused', (typed, why) => {
    const { input } = renderControlled('');
    fireEvent.input(input, { target: { value: typed } });
    expect(reason()).toMatch(why);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('amount-error');
  });

  it('shows why an emptied field is refused', () => {
    const { input } = renderControlled('12');
    fireEvent.input(input, { target: { value: '' } });
    expect(reason()).toBe('Enter an amount.');
  });

  it('shows nothing for a valid amount and hands every value to onInput', () => {
    const { input, onInput } = renderControlled('');
    fireEvent.input(input, { target: { value: '1e3' } });
    expect(reason()).not.toBeNull();
    fireEvent.input(input, { target: { value: '12.30' } });
    expect(reason()).toBeNull();
    expect(onInput.mock.calls.map(([value]) => value)).toEqual(['1e3', '12.30']);
    expect(input.value).toBe('12.30');
  });

  it.each([
    ['1,000', '1000'],
    ['1,000.50', '1000.50'],
    ['12,345,678.9', '12345678.9'],
    ['１，０００．５０', '1000.50'],
    ['¥ 2,000 ', '2000'],
  ])('takes %j as written with separators and hands the parent %j', (typed, wire) => {
    const { input, onInput } = renderControlled('');
    fireEvent.input(input, { target: { value: typed } });
    expect(onInput).toHaveBeenLastCalledWith(wire);
    expect(reason()).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
    // What was typed stays on screen.
    expect(input.value).toBe(typed);
  });

  it.each(['1,00', '1,0000', ',100'])('does not guess at misplaced separators: %j', (typed) => {
    const { input, onInput } = renderControlled('');
    fireEvent.input(input, { target: { value: typed } });
    expect(onInput).toHaveBeenLastCalledWith(typed);
    expect(reason()).toMatch(/at most two decimals/);
  });

  it('shows the amount the parent sets, e.g. after a reset or a suggestion', () => {
    const [value, setValue] = createSignal('');
    render(() => (
      <MoneyInput label="Amount" name="amount" id="amount" value={value()} onInput={setValue} />
    ));
    const input = screen.getByLabelText('Amount') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '1,000' } });
    expect([value(), input.value]).toEqual(['1000', '1,000']);
    setValue('5504.85');
    expect(input.value).toBe('5504.85');
    setValue('');
    expect(input.value).toBe('');
  });

  it('shows the API error for the field even before an edit', () => {
    renderControlled('5', 'must not exceed 100000000.00 in one Alipay payment');
    expect(reason()).toBe('must not exceed 100000000.00 in one Alipay payment');
  });

  it('speaks Chinese when the page does', () => {
    setLanguage('zh');
    const { input } = renderControlled('');
    fireEvent.input(input, { target: { value: '1.234' } });
    expect(reason()).toMatch(/最多两位小数/);
  });
});
