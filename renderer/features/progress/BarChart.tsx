/**
 * One bar chart of the Progress screen (chart.js, as the Agreement view's heat map uses it), with
 * its figures in a table beside it: the table is what keyboard and screen-reader users read.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, type ReactNode } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: number[];
  /** A CSS colour; `var(--ok)` and the like are resolved against the page's theme. */
  colour: string;
}

/** A CSS colour (variables and light-dark() included) as the canvas needs it: rgb(...). */
function resolved(colour: string, probe: HTMLElement): string {
  probe.style.color = colour;
  return getComputedStyle(probe).color;
}

export function BarChart(props: {
  title: string;
  /** One bar per category (an annotator). */
  categories: string[];
  series: Series[];
  /** What a value means, for the axis and the tooltip (e.g. "minutes"). */
  unit: string;
  stacked?: boolean;
  /** The same figures as a table. */
  children: ReactNode;
}) {
  const { title, categories, series, unit, stacked = false } = props;
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ink = getComputedStyle(element).color;
    const chart = new Chart(element, {
      type: 'bar',
      data: {
        labels: categories,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.values,
          backgroundColor: resolved(s.colour, element),
        })),
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        color: ink,
        plugins: {
          legend: { display: series.length > 1, labels: { color: ink, boxWidth: 12 } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${c.formattedValue} ${unit}` } },
        },
        scales: {
          x: {
            stacked,
            beginAtZero: true,
            ticks: { color: ink, precision: 0 },
            title: { display: true, text: unit, color: ink },
          },
          y: { stacked, ticks: { color: ink } },
        },
      },
    });
    return () => chart.destroy();
  }, [categories, series, unit, stacked]);

  return (
    <section className="mg-progress-chart" aria-label={title}>
      <h3>{title}</h3>
      <div className="mg-progress-pair">
        <div
          className="mg-progress-canvas"
          style={{ height: `${Math.max(120, 40 + categories.length * 28)}px` }}
        >
          <canvas
            ref={canvas}
            role="img"
            aria-label={`${title}: the table beside it holds the same figures`}
          />
        </div>
        {props.children}
      </div>
    </section>
  );
}
