import { useEffect, useRef, useState } from 'react';
import { formatFen } from './money.ts';

export type BalanceRow = { key: string; label: string; debitFen: number; creditFen: number };
export type Scale = 'linear' | 'log';

// A bar's length for an amount: proportional (linear), or by orders of magnitude in yuan (log), so
// that ¥1,500 of sales shows beside ¥28 million of stock bought. Zero is no bar; any amount above
// zero gets at least a sliver, so it reads as "some" rather than "none".
export function barLength(fen: number, maxFen: number, scale: Scale, widthPx: number): number {
  if (fen <= 0 || maxFen <= 0) return 0;
  const share = scale === 'log' ? Math.log10(1 + fen / 100) / Math.log10(1 + maxFen / 100) : fen / maxFen;
  return Math.max(2, share * widthPx);
}

const LABEL_PX = 168;
const VALUE_PX = 118;
const ROW_PX = 34;
const BAR_PX = 11;
const colors = { debit: '#1677ff', credit: '#52c41a' };

// The trial balance as a chart: per account code, its posted debits and credits side by side (a
// horizontal bar each, the amount at its end), drawn as SVG at the width of its box. The chart of
// accounts' names are long Chinese words, which horizontal bars keep readable.
export function BalanceChart({ rows, scale, labels }: { rows: BalanceRow[]; scale: Scale; labels: { debit: string; credit: string } }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(480, Math.floor(el.getBoundingClientRect().width) || 900));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const plot = width - LABEL_PX - VALUE_PX;
  const max = Math.max(0, ...rows.flatMap((r) => [r.debitFen, r.creditFen]));
  const height = rows.length * ROW_PX + 28;

  return (
    <div ref={box} style={{ width: '100%' }} data-testid="balance-chart">
      <svg width={width} height={height} role="img" aria-label={`${labels.debit} / ${labels.credit}`} style={{ display: 'block', fontSize: 12 }}>
        <g transform="translate(0, 6)">
          {(['debit', 'credit'] as const).map((side, i) => (
            <g key={side} transform={`translate(${LABEL_PX + i * 90}, 0)`}>
              <rect width={12} height={10} rx={2} fill={colors[side]} />
              <text x={18} y={9} fill="rgba(0,0,0,0.65)">
                {labels[side]}
              </text>
            </g>
          ))}
        </g>
        {rows.map((r, i) => {
          const y = 28 + i * ROW_PX;
          const bars = [
            { side: 'debit' as const, fen: r.debitFen, dy: 4 },
            { side: 'credit' as const, fen: r.creditFen, dy: 4 + BAR_PX + 2 },
          ];
          return (
            <g key={r.key} data-code={r.key}>
              {i % 2 === 0 && <rect x={0} y={y} width={width} height={ROW_PX} fill="#fafafa" />}
              <text x={LABEL_PX - 10} y={y + ROW_PX / 2 + 4} textAnchor="end" fill="rgba(0,0,0,0.88)">
                {r.label.length > 13 ? `${r.label.slice(0, 12)}…` : r.label}
                <title>{r.label}</title>
              </text>
              {bars.map((b) => {
                const len = barLength(b.fen, max, scale, plot);
                return (
                  <g key={b.side}>
                    <rect x={LABEL_PX} y={y + b.dy} width={len} height={BAR_PX} rx={2} fill={colors[b.side]} opacity={b.fen === 0 ? 0 : 1}>
                      <title>{`${labels[b.side]} ${formatFen(b.fen)}`}</title>
                    </rect>
                    {b.fen !== 0 && (
                      <text x={LABEL_PX + len + 6} y={y + b.dy + BAR_PX - 1} fill="rgba(0,0,0,0.65)" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {formatFen(b.fen)}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={LABEL_PX} x2={LABEL_PX} y1={24} y2={height} stroke="#d9d9d9" />
      </svg>
    </div>
  );
}
