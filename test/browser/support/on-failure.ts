import { afterEach } from 'vitest';
import { tellFailure } from './flight-recorder.ts';

// Each journey's failed step tells what its pages did and showed (see flight-recorder.ts), on the
// test's output, where CI keeps it.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const told = await tellFailure(task.name);
  if (told) console.error(`What the pages did before "${task.name}" failed:\n${told}`);
});
