/**
 * The live quote of a card order: asked of the server a moment after the admin stops typing,
 * and only for input the API's schema accepts. An answer for input that has changed since
 * is dropped.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import * as v from 'valibot';
import { QuoteCardsInput } from '../../../../../common/schemas.ts';
import { api } from '../../../lib/trpc.ts';
import type { Quote } from '../shared.tsx';

const QUOTE_DELAY_MS = 300;

export type QuoteCheck = v.SafeParseResult<typeof QuoteCardsInput>;

export function createQuote(check: Accessor<QuoteCheck>): {
  quote: Accessor<Quote | null>;
  quoteError: Accessor<unknown>;
} {
  const [quote, setQuote] = createSignal<Quote | null>(null);
  const [quoteError, setQuoteError] = createSignal<unknown>(null);
  createEffect(() => {
    const checked = check();
    setQuote(null);
    setQuoteError(null);
    if (!checked.success) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.prepaidCards.quote.query(checked.output).then(
        (quoted) => !cancelled && setQuote(quoted),
        (caught: unknown) => !cancelled && setQuoteError(caught),
      );
    }, QUOTE_DELAY_MS);
    onCleanup(() => {
      cancelled = true;
      clearTimeout(timer);
    });
  });
  return { quote, quoteError };
}
