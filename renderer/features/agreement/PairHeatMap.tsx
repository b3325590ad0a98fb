/**
 * The heat map of rater pairs (chart.js with chartjs-chart-matrix), with the same figures in a
 * table beside it for keyboard and screen-reader users. A click on a cell or a table button (Enter
 * on a focused one) opens the review queue of that pair when `onOpen` is given (a reviewer's view),
 * else chooses the pair whose documents are listed.
 */
import { CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useRef } from 'react';
import type { AgreementResult } from '../../../electron/contract/types';
import { pairValue, shown, type Measure } from './measures';

Chart.register(MatrixController, MatrixElement, CategoryScale, LinearScale, Tooltip);

interface Cell {
  x: string;
  y: string;
  v: number | null;
}

/** Low agreement red, high green, undefined grey; the value is also written in the table. */
function colour(v: number | null): string {
  if (v === null) return 'rgba(128,128,128,0.25)';
  const t = Math.max(0, Math.min(1, v));
  return `hsl(${Math.round(t * 120)}, 65%, 50%)`;
}

export function PairHeatMap(props: {
  report: AgreementResult;
  measure: Measure;
  label: string | null;
  chosen: number;
  onChoose: (pairIndex: number) => void;
  /** Opens the review queue of a pair (after choosing it); without it a cell only chooses. */
  onOpen?: (pairIndex: number) => void;
}) {
  const { report, measure, label, onChoose, onOpen } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const pick = (i: number) => {
    onChoose(i);
    onOpen?.(i);
  };
  // The chart is built once per figures; a click reaches the callbacks of the latest render.
  const picked = useRef(pick);
  picked.current = pick;
  const raters = report.raters;
  const pairAt = (a: string, b: string) =>
    report.pairs.findIndex((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));

  useEffect(() => {
    if (!canvas.current) return;
    const cells: Cell[] = [];
    for (const a of raters)
      for (const b of raters) {
        const i = pairAt(a, b);
        cells.push({
          x: a,
          y: b,
          v: a === b ? 1 : i === -1 ? null : pairValue(report.pairs[i]!, measure, label),
        });
      }
    const chart = new Chart(canvas.current, {
      type: 'matrix',
      data: {
        datasets: [
          {
            data: cells,
            backgroundColor: (c) => colour((c.raw as Cell).v),
            width: ({ chart: ch }) => (ch.chartArea?.width ?? 0) / raters.length - 2,
            height: ({ chart: ch }) => (ch.chartArea?.height ?? 0) / raters.length - 2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (c) => `${(c.raw as Cell).x} / ${(c.raw as Cell).y}: ${shown((c.raw as Cell).v)}`,
            },
          },
        },
        scales: {
          x: { type: 'category', labels: raters, offset: true, grid: { display: false } },
          y: { type: 'category', labels: raters, offset: true, grid: { display: false } },
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (!hit) return;
          const cell = cells[hit.index]!;
          const i = pairAt(cell.x, cell.y);
          if (i !== -1) picked.current(i);
        },
      },
    });
    return () => chart.destroy();
  }, [report, measure, label, raters]);

  return (
    <div className="mg-agreement-heat">
      <div className="mg-agreement-canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label="Heat map of agreement between raters; the table beside it holds the same figures"
        />
      </div>
      <table className="mg-agreement-table" aria-label="Agreement between raters">
        <thead>
          <tr>
            <th scope="col">rater</th>
            {raters.map((r) => (
              <th key={r} scope="col">
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {raters.map((a) => (
            <tr key={a}>
              <th scope="row">{a}</th>
              {raters.map((b) => {
                const i = pairAt(a, b);
                if (a === b || i === -1) return <td key={b}>{a === b ? '·' : '—'}</td>;
                const value = shown(pairValue(report.pairs[i]!, measure, label));
                const does = onOpen ? `Review the conflicts of ${a} and ${b}` : `Documents of ${a} and ${b}`;
                return (
                  <td key={b} aria-selected={props.chosen === i}>
                    <button
                      type="button"
                      title={does}
                      aria-label={`${value}: ${does}`}
                      onClick={() => pick(i)}
                    >
                      {value}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
