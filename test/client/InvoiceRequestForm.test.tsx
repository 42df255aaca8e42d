/**
 * The invoice request form: the kind decides what is asked. A special VAT invoice requires
 * the buyer's registered address and phone, bank and account number, and the form refuses to
 * send a request without them (or with a taxpayer id of a length no id has, or an amount
 * above what is available), saying why under each field. Only the transport is replaced.
 */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  invoices: { request: { mutate: vi.fn() } },
  auth: { me: { query: vi.fn(async () => null) } },
}));
vi.mock('../../client/src/lib/trpc.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api,
}));

const { InvoiceRequestForm } =
  await import('../../client/src/routes/account/parts/InvoiceRequestForm.tsx');
const { setLanguage } = await import('../../client/src/lib/i18n.ts');

const BUYER_LABELS = {
  address: 'Registered address',
  phone: 'Registered phone',
  bankName: 'Bank',
  bankAccount: 'Bank account number',
} as const;

function type(label: string | RegExp, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

function fillGeneralFields(amount = '100.00') {
  type('Invoice title (company name)', 'Acme Robotics Co., Ltd.');
  type(/^Tax ID/, '91310000MA1FL8XQ3K');
  type('Amount (CNY)', amount);
  type('Email for the invoice', 'finance@acme.example');
}

function submit() {
  fireEvent.click(screen.getByRole('button', { name: 'Request invoice' }));
}

function reason(field: string): string | null {
  return screen.queryByTestId(`error-${field}`)?.textContent ?? null;
}

describe('InvoiceRequestForm', () => {
  beforeEach(() => {
    setLanguage('en');
    api.invoices.request.mutate.mockImplementation(async (input: { amount: string }) => ({
      ...input,
      invoiceId: 'inv_1',
      status: 'requested',
    }));
    render(() => (
      <InvoiceRequestForm accountId="acc-1" available="345.60" onRequested={() => {}} />
    ));
  });
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it('asks a general VAT invoice only for the name and taxpayer id', () => {
    expect((screen.getByLabelText('General VAT invoice') as HTMLInputElement).checked).toBe(true);
    for (const label of Object.values(BUYER_LABELS)) {
      expect(screen.queryByLabelText(label)).toBeNull();
    }
    fillGeneralFields();
    submit();
    expect(api.invoices.request.mutate).toHaveBeenCalledTimes(1);
    const sent = api.invoices.request.mutate.mock.calls[0]?.[0];
    expect(sent).toMatchObject({ type: 'general', taxId: '91310000MA1FL8XQ3K', amount: '100.00' });
    expect(sent).not.toHaveProperty('address');
  });

  it('requires address, phone, bank and account for a special VAT invoice', async () => {
    fireEvent.click(screen.getByLabelText('Special VAT invoice'));
    for (const label of Object.values(BUYER_LABELS))
      expect(screen.getByLabelText(label)).toBeTruthy();
    fillGeneralFields();
    submit();
    for (const field of Object.keys(BUYER_LABELS)) {
      expect([field, reason(field)]).toEqual([field, 'A special VAT invoice needs this.']);
    }
    expect(screen.getByLabelText('Registered phone').getAttribute('aria-invalid')).toBe('true');
    expect(api.invoices.request.mutate).not.toHaveBeenCalled();

    type('Registered address', '上海市浦东新区世纪大道 100 号');
    type('Registered phone', 'call us');
    type('Bank', '中国工商银行上海分行');
    type('Bank account number', '1001 2345 6789 0123 456');
    submit();
    expect(reason('phone')).toBe('Enter a phone number, e.g. 021-12345678.');
    expect(reason('address')).toBeNull();
    expect(api.invoices.request.mutate).not.toHaveBeenCalled();

    type('Registered phone', '021-6888 8888');
    submit();
    expect(api.invoices.request.mutate).toHaveBeenCalledTimes(1);
    expect(api.invoices.request.mutate.mock.calls[0]?.[0]).toMatchObject({
      type: 'special',
      address: '上海市浦东新区世纪大道 100 号',
      phone: '021-6888 8888',
      bankName: '中国工商银行上海分行',
      bankAccount: '1001 2345 6789 0123 456',
    });
    await screen.findByTestId('invoice-requested');
  });

  it.each([
    ['1234567890123456', 16],
    ['12345678901234567', 17],
    ['1234567890123456789', 19],
  ])('refuses the taxpayer id %s (%i characters) before sending', (taxId) => {
    fillGeneralFields();
    type(/^Tax ID/, taxId);
    submit();
    expect(reason('taxId')).toBe('Enter 15, 18 or 20 digits or capital letters.');
    expect(api.invoices.request.mutate).not.toHaveBeenCalled();
  });

  it('refuses more than is available before sending', () => {
    fillGeneralFields('345.61');
    submit();
    expect(screen.getByTestId('invoice-amount-error').textContent).toBe(
      'At most ¥345.60 can be requested.',
    );
    expect(api.invoices.request.mutate).not.toHaveBeenCalled();
  });
});
