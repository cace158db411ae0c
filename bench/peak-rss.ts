/** The process's peak resident memory while a benchmark runs (sampled every 50 ms and on demand). */
export function trackPeakRss(): { sample(): void; peakMiB(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  return {
    sample,
    peakMiB: () => Math.round(peak / 1024 / 1024),
    stop: () => clearInterval(timer),
  };
}
