/**
 * One bar chart of the Progress screen (chart.js, as the Agreement view's heat map uses it), with
 * its figures in a table beside it: the table is what keyboard and screen-reader users read.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState, type ReactNode } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: number[];
  /** A CSS colour; `var(--ok)` and the like are resolved against the page's theme. */
  colour: string;
}

/** A CSS colour (variables and light-dark() included) as the canvas needs it: rgb(...). */
function resolved(colour: string, beside: HTMLElement): string {
  const probe = document.createElement('span');
  probe.style.color = colour;
  beside.after(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/**
 * Counts changes of theme (the system's scheme, or the toolbar's choice as data-theme on <html>):
 * a canvas keeps the colours it was drawn with, so a chart is drawn again with the new ones.
 */
function useThemeChanges(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const bump = () => setChanges((n) => n + 1);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributeFilter: ['data-theme'] });
    return () => {
      scheme.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return changes;
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
  const theme = useThemeChanges();

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
          // Every annotator named: chart.js would skip labels it finds crowded.
          y: { stacked, ticks: { color: ink, autoSkip: false } },
        },
      },
    });
    return () => chart.destroy();
  }, [categories, series, unit, stacked, theme]);

  return (
    <section className="mg-dashboard-chart" aria-label={title}>
      <h3>{title}</h3>
      <div className="mg-dashboard-pair">
        <div
          className="mg-dashboard-canvas"
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
