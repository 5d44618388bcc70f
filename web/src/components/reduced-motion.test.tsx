import { act, render, screen } from '@testing-library/react';
import { theme } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '../LocaleProvider.tsx';

// A system's "reduce motion" setting, as matchMedia reports it, and its change events.
function systemMotion(reduce: boolean) {
  const listeners = new Set<() => void>();
  const state = { reduce };
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      get matches() {
        return query === '(prefers-reduced-motion: reduce)' && state.reduce;
      },
      media: query,
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    }),
  });
  return {
    set(next: boolean) {
      state.reduce = next;
      for (const l of listeners) l();
    },
  };
}

function Motion() {
  const { token } = theme.useToken();
  return <span data-testid="motion">{String(token.motion)}</span>;
}

const standIn = window.matchMedia;
afterEach(() => Object.defineProperty(window, 'matchMedia', { writable: true, value: standIn }));

describe('the console’s motion', () => {
  it.each([
    [false, 'true'],
    [true, 'false'],
  ])('with the system asking for less motion %s, antd animates: %s', (reduce, motion) => {
    systemMotion(reduce);
    render(
      <LocaleProvider>
        <Motion />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('motion').textContent).toBe(motion);
  });

  it('follows the system’s setting when it changes', () => {
    const system = systemMotion(false);
    render(
      <LocaleProvider>
        <Motion />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('motion').textContent).toBe('true');
    act(() => system.set(true));
    expect(screen.getByTestId('motion').textContent).toBe('false');
  });
});
