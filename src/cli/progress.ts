import cliProgress from 'cli-progress';

// A progress bar on a terminal; on a pipe or in CI, a line every ten per cent instead of escape codes.
export function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    // A new total means a new stage of the work (the seed loads organisations, then the catalog):
    // the bar starts over for it.
    let currentTotal = -1;
    return {
      update(done, total) {
        if (total !== currentTotal) {
          if (currentTotal >= 0) bar.stop();
          bar.start(total, done);
          currentTotal = total;
        } else bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  let lastTotal = -1;
  return {
    update(done, total) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth || total !== lastTotal) {
        lastTenth = tenth;
        lastTotal = total;
        process.stderr.write(`${label}: ${done}/${total} (${tenth * 10}%)\n`);
      }
    },
    stop: () => {},
  };
}
