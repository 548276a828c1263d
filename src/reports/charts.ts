/**
 * Geometry of the report charts: numbers only, in SVG user units. The templates draw the SVG
 * from these numbers, so no markup is ever built in code. Scores are fractions 0..1; pass marks
 * are percents 0..100, as assessments store them.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  x: number;
  y: number;
  label: string;
  /** SVG text-anchor: the end marks sit inside the chart. */
  anchor: 'start' | 'middle' | 'end';
}

/** Every chart is this wide; the stylesheet scales it down on narrow screens. */
export const CHART_WIDTH = 400;

const round = (value: number) => Math.round(value * 100) / 100;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/* Horizontal bars with an interval (whisker) and a pass mark: one row per skill or candidate. */

export interface BarInput {
  /** 0..1, or null when there is no score to draw. */
  score: number | null;
  /** The 90% interval, 0..1; left out for a score without one (the overall score). */
  low?: number | null;
  high?: number | null;
  /** Pass mark in percent, 0..100. */
  threshold?: number | null;
}

export interface BarRow {
  /** Baseline of the row's label, drawn above its bar. */
  labelY: number;
  /** The whole 0..100% track the bar grows in. */
  track: Rect;
  bar: Rect | null;
  /** The interval: a line with a cap at each end, drawn under the bar. */
  whisker: { x1: number; x2: number; y: number; capTop: number; capBottom: number } | null;
  /** The pass mark: a line across the bar and the whisker. */
  passMark: { x: number; y1: number; y2: number } | null;
}

export interface BarChart {
  width: number;
  height: number;
  rows: BarRow[];
  /** Percent marks along the bottom axis. */
  ticks: Tick[];
  axis: { x1: number; x2: number; y: number };
}

const BAR = {
  left: 6,
  right: 14,
  labelHeight: 18,
  barHeight: 16,
  whiskerGap: 9,
  capHalf: 5,
  rowGap: 14,
  axisHeight: 22,
};

const TICK_PERCENTS = [0, 25, 50, 75, 100];

export function barChart(inputs: readonly BarInput[]): BarChart {
  const trackWidth = CHART_WIDTH - BAR.left - BAR.right;
  const xOf = (fraction: number) => round(BAR.left + clamp01(fraction) * trackWidth);
  const rowHeight = BAR.labelHeight + BAR.barHeight + BAR.whiskerGap + BAR.capHalf + BAR.rowGap;
  const rows = inputs.map((input, index) => {
    const top = index * rowHeight;
    const barY = top + BAR.labelHeight + 4;
    const whiskerY = barY + BAR.barHeight + BAR.whiskerGap;
    const hasInterval = input.score !== null && input.low != null && input.high != null;
    return {
      labelY: top + BAR.labelHeight - 4,
      track: { x: BAR.left, y: barY, width: trackWidth, height: BAR.barHeight },
      bar:
        input.score === null
          ? null
          : {
              x: BAR.left,
              y: barY,
              width: round(xOf(input.score) - BAR.left),
              height: BAR.barHeight,
            },
      whisker: hasInterval
        ? {
            x1: xOf(input.low as number),
            x2: xOf(input.high as number),
            y: whiskerY,
            capTop: whiskerY - BAR.capHalf,
            capBottom: whiskerY + BAR.capHalf,
          }
        : null,
      passMark:
        input.threshold == null
          ? null
          : { x: xOf(input.threshold / 100), y1: barY - 4, y2: whiskerY + BAR.capHalf + 2 },
    };
  });
  const axisY = inputs.length * rowHeight;
  return {
    width: CHART_WIDTH,
    height: axisY + BAR.axisHeight,
    rows,
    ticks: TICK_PERCENTS.map((percent, index) => ({
      x: xOf(percent / 100),
      y: axisY + 16,
      label: `${percent}%`,
      anchor: index === 0 ? 'start' : index === TICK_PERCENTS.length - 1 ? 'end' : 'middle',
    })),
    axis: { x1: BAR.left, x2: BAR.left + trackWidth, y: axisY },
  };
}

/* A histogram of overall scores in ten bins of ten points. */

const HISTOGRAM_BINS = 10;

export interface HistogramBin {
  /** Lower and upper edge in percent; the last bin includes 100. */
  from: number;
  to: number;
  count: number;
  /** The drawn bar; zero height for an empty bin. */
  rect: Rect;
  /** Where the count is written, just above the bar. */
  countY: number;
  highlighted: boolean;
}

export interface Histogram {
  width: number;
  height: number;
  plot: Rect;
  bins: HistogramBin[];
  /** Counts along the left axis, whole numbers only, each with a grid line across the plot. */
  yTicks: (Tick & { gridY: number })[];
  /** Percent edges along the bottom axis. */
  xTicks: Tick[];
  total: number;
  /** The bin the highlighted score falls in, if one was given. */
  highlightedBin: HistogramBin | null;
}

const HIST = { left: 34, right: 10, top: 20, bottom: 28, height: 220 };

/** The bin of a score; a hair of tolerance keeps 0.3 in the 30-40 bin despite floating point. */
export function binOf(score: number): number {
  return Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(score * HISTOGRAM_BINS + 1e-9)));
}

/** How many scores fall in each bin. Counted once per pool, not on every page that draws it. */
export function scoreBins(scores: readonly number[]): number[] {
  const counts = Array.from({ length: HISTOGRAM_BINS }, () => 0);
  for (const score of scores) counts[binOf(score)] = (counts[binOf(score)] ?? 0) + 1;
  return counts;
}

/** The histogram of `scoreBins`, with the bin of `highlight` (one candidate's score) marked. */
export function histogram(counts: readonly number[], highlight?: number | null): Histogram {
  const highlightIndex = highlight == null ? -1 : binOf(highlight);
  const plot: Rect = {
    x: HIST.left,
    y: HIST.top,
    width: CHART_WIDTH - HIST.left - HIST.right,
    height: HIST.height - HIST.top - HIST.bottom,
  };
  const step = countStep(Math.max(0, ...counts));
  const top = Math.max(step, Math.ceil(Math.max(0, ...counts) / step) * step);
  const binWidth = plot.width / HISTOGRAM_BINS;
  const yOf = (count: number) => round(plot.y + plot.height - (count / top) * plot.height);
  const bins = counts.map((count, index) => {
    const y = yOf(count);
    return {
      from: index * 10,
      to: index * 10 + 10,
      count,
      rect: {
        x: round(plot.x + index * binWidth + 2),
        y,
        width: round(binWidth - 4),
        height: round(plot.y + plot.height - y),
      },
      countY: round(y - 4),
      highlighted: index === highlightIndex,
    };
  });
  const yTicks: Histogram['yTicks'] = [];
  for (let value = 0; value <= top; value += step) {
    const gridY = yOf(value);
    yTicks.push({ x: plot.x - 6, y: round(gridY + 4), label: String(value), anchor: 'end', gridY });
  }
  const xTicks = Array.from({ length: HISTOGRAM_BINS / 2 + 1 }, (_, i) => ({
    x: round(plot.x + i * 2 * binWidth),
    y: plot.y + plot.height + 18,
    label: String(i * 20),
    anchor: 'middle' as const,
  }));
  return {
    width: CHART_WIDTH,
    height: HIST.height,
    plot,
    bins,
    yTicks,
    xTicks,
    total: counts.reduce((sum, count) => sum + count, 0),
    highlightedBin: bins[highlightIndex] ?? null,
  };
}

/** A whole step for the count axis that gives at most five marks above zero. */
function countStep(max: number): number {
  return Math.max(1, Math.ceil(max / 5));
}
