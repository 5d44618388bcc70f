import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type pino from 'pino';
import type { Config } from './platform/config.ts';

const WEB = path.resolve(import.meta.dirname, '..', 'web');

// Newest modification time among the console's sources.
function newestSource(): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file);
    if (stat.isDirectory()) for (const name of readdirSync(file)) visit(path.join(file, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of ['src', 'index.html', 'vite.config.ts']) {
    const file = path.join(WEB, name);
    if (existsSync(file)) visit(file);
  }
  return newest;
}

export function consoleIsStale(): boolean {
  const index = path.join(WEB, 'dist', 'index.html');
  return !existsSync(index) || statSync(index).mtimeMs < newestSource();
}

// `anpei serve` builds the console when it is missing or older than its sources, so that the two
// commands (npm install, npm start) stay two and a change under web/ shows on the next start.
// Tests do not build it: most build the app without the console, and the few that start the real
// `anpei serve` set ANPEI_CONSOLE_BUILD=off (test/support/spawn-anpei.ts), since a build would cost
// seconds and race with the other test files' servers over web/dist. A failed build leaves the API
// serving, with the plain start page at `/`.
export async function buildConsoleIfStale(config: Config, log: pino.Logger): Promise<void> {
  if (config.consoleBuild === 'off' || !existsSync(WEB) || !consoleIsStale()) return;
  const started = Date.now();
  log.info('building the console (web/ → web/dist)');
  try {
    const vite = await import('vite');
    await vite.build({ root: WEB, logLevel: 'warn' });
    log.info({ ms: Date.now() - started }, `built the console in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    log.error({ err }, 'the console did not build; serving the API with the plain start page');
  }
}
