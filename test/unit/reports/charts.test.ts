import { barChart, binOf, CHART_WIDTH, histogram, scoreBins } from '../../../src/reports/charts';

describe('bars with an interval and a pass mark', () => {
  const chart = barChart([
    { score: 0.5, low: 0.25, high: 0.75, threshold: 60 },
    { score: 1, low: 0.8, high: 1, threshold: 100 },
    { score: null, threshold: 50 },
  ]);
  const [half, full, none] = chart.rows;

  it('draws a bar as long as the score along a track that spans 0 to 100%', () => {
    const track = half?.track;
    expect(track?.x).toBeGreaterThanOrEqual(0);
    expect((track?.x ?? 0) + (track?.width ?? 0)).toBeLessThanOrEqual(CHART_WIDTH);
    expect(half?.bar?.width).toBeCloseTo((track?.width ?? 0) / 2, 1);
    expect(full?.bar?.width).toBeCloseTo(track?.width ?? 0, 1);
    expect(none?.bar).toBeNull();
    expect(none?.whisker).toBeNull();
  });

  it('puts the whisker at the interval ends and the pass mark at the threshold', () => {
    const x = (fraction: number) => (half?.track.x ?? 0) + fraction * (half?.track.width ?? 0);
    expect(half?.whisker?.x1).toBeCloseTo(x(0.25), 1);
    expect(half?.whisker?.x2).toBeCloseTo(x(0.75), 1);
    expect(half?.passMark?.x).toBeCloseTo(x(0.6), 1);
    expect(full?.passMark?.x).toBeCloseTo(x(1), 1);
  });

  it('draws the whisker under the bar and the pass mark across both', () => {
    const bar = half?.bar;
    const whisker = half?.whisker;
    expect(whisker?.y).toBeGreaterThan((bar?.y ?? 0) + (bar?.height ?? 0));
    expect(half?.passMark?.y1).toBeLessThan(bar?.y ?? 0);
    expect(half?.passMark?.y2).toBeGreaterThanOrEqual(whisker?.capBottom ?? Infinity);
  });

  it('stacks rows without overlap and ends with a percent axis inside the chart', () => {
    expect(full?.labelY).toBeGreaterThan(half?.passMark?.y2 ?? Infinity);
    expect(chart.axis.y).toBeGreaterThan(none?.passMark?.y2 ?? Infinity);
    expect(chart.height).toBeGreaterThan(chart.axis.y);
    expect(chart.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(chart.ticks.map((t) => t.anchor)).toEqual([
      'start',
      'middle',
      'middle',
      'middle',
      'end',
    ]);
  });

  it('keeps scores outside 0..1 on the track and leaves out a missing interval', () => {
    const [over] = barChart([{ score: 1.2, low: -0.1, high: 1.5 }]).rows;
    expect((over?.bar?.x ?? 0) + (over?.bar?.width ?? 0)).toBeCloseTo(
      (over?.track.x ?? 0) + (over?.track.width ?? 0),
      5,
    );
    expect(over?.whisker?.x1).toBe(over?.track.x);
    const [overall] = barChart([{ score: 0.7, threshold: 60 }]).rows;
    expect(overall?.whisker).toBeNull();
    expect(overall?.passMark).not.toBeNull();
  });
});

describe('the histogram of overall scores', () => {
  it('puts each score in one of ten bins of ten points, 100% in the last', () => {
    expect([0, 0.05, 0.1, 0.3, 0.7, 0.999, 1].map(binOf)).toEqual([0, 0, 1, 3, 7, 9, 9]);
  });

  it('counts scores per bin and scales the tallest bar to the top of the plot', () => {
    const chart = histogram(scoreBins([0.05, 0.95, 0.97, 1, 0.5]));
    expect(chart.bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 3]);
    expect(chart.total).toBe(5);
    const tallest = chart.bins[9]?.rect;
    expect(tallest?.y).toBeCloseTo(chart.plot.y, 5);
    expect((tallest?.y ?? 0) + (tallest?.height ?? 0)).toBeCloseTo(
      chart.plot.y + chart.plot.height,
      5,
    );
    expect(chart.bins[1]?.rect.height).toBe(0);
    expect(chart.bins[0]?.rect.height).toBeCloseTo((tallest?.height ?? 0) / 3, 1);
  });

  it('lays the bins side by side inside the plot, in order', () => {
    const { bins, plot } = histogram(scoreBins([0.1]));
    for (const [i, bin] of bins.entries()) {
      expect(bin.from).toBe(i * 10);
      expect(bin.rect.x).toBeGreaterThanOrEqual(plot.x);
      expect(bin.rect.x + bin.rect.width).toBeLessThanOrEqual(plot.x + plot.width);
      if (i)
        expect(bin.rect.x).toBeGreaterThan(
          (bins[i - 1]?.rect.x ?? 0) + (bins[i - 1]?.rect.width ?? 0),
        );
    }
  });

  it('marks whole-number counts on the axis, at most six marks', () => {
    expect(histogram(scoreBins([0.5])).yTicks.map((t) => t.label)).toEqual(['0', '1']);
    const many = histogram(scoreBins(Array.from({ length: 23 }, () => 0.42))).yTicks.map(
      (t) => t.label,
    );
    expect(many).toEqual(['0', '5', '10', '15', '20', '25']);
    const ys = histogram(scoreBins([0.5, 0.5, 0.6])).yTicks.map((t) => t.gridY);
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
  });

  it('highlights the bin of one score, for the candidate report', () => {
    const chart = histogram(scoreBins([0.2, 0.45, 0.9]), 0.45);
    expect(chart.bins.filter((b) => b.highlighted).map((b) => b.from)).toEqual([40]);
    expect(chart.highlightedBin?.from).toBe(40);
    expect(histogram(scoreBins([0.2])).highlightedBin).toBeNull();
  });

  it('draws an empty pool without dividing by zero', () => {
    const chart = histogram(scoreBins([]));
    expect(chart.bins.every((b) => b.count === 0 && b.rect.height === 0)).toBe(true);
    expect(chart.bins.every((b) => Number.isFinite(b.rect.y))).toBe(true);
  });
});
