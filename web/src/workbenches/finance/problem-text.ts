import type { Problem } from '../../api/client.ts';
import { formatFen } from './money.ts';

// A problem's detail as a person here reads it. The server names a state by its code
// (invalid_state: 对账单当前状态为“issued”，不能执行该操作) and some amounts in fen
// (financing_over_limit: 面值 123456 分): the state is put in the words the workbench shows for it
// (`stateLabel`, from the status labels), and fen in yuan. Anything else is left as the server said.
export function readableDetail(problem: Pick<Problem, 'code' | 'detail'>, stateLabel: (state: string) => string | undefined): string {
  let detail = problem.detail;
  if (problem.code === 'invalid_state') {
    detail = detail.replace(/([“"])([a-z][a-z_]*)([”"])/g, (all, open: string, state: string, close: string) => {
      const label = stateLabel(state);
      return label ? `${open}${label}${close}` : all;
    });
  }
  // 面值 123456 分超出 → 面值 ¥1,234.56 超出: the space kept before a word, not before punctuation.
  const zh = (_all: string, n: string, word: string | undefined) => `${formatFen(Number(n))}${word ? ' ' : ''}`;
  return detail.replace(/(-?\d+) ?分(?=(\p{Script=Han})?)/gu, zh).replace(/(-?\d+) fen\b/g, (_all, n: string) => formatFen(Number(n)));
}
