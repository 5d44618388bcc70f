import { describe, expect, it } from 'vitest';
import { readableDetail } from './problem-text.ts';

const labels: Record<string, string> = { issued: '已开具', paid: '已付款', funded: '已放款' };
const label = (s: string) => labels[s];

describe('readableDetail', () => {
  it.each([
    // The server's invalid_state, in both languages (platform/messages.ts).
    ['invalid_state', '对账单当前状态为“issued”，不能执行该操作。', '对账单当前状态为“已开具”，不能执行该操作。'],
    ['invalid_state', '付款单当前状态为“paid”，不能执行该操作。', '付款单当前状态为“已付款”，不能执行该操作。'],
    ['invalid_state', 'The financing request is “funded” and does not allow this.', 'The financing request is “已放款” and does not allow this.'],
    // A state it has no words for stays as it was.
    ['invalid_state', '融资申请当前状态为“mystery”，不能执行该操作。', '融资申请当前状态为“mystery”，不能执行该操作。'],
    // Fen in yuan.
    ['financing_over_limit', '申请的应收账款面值 123456 分超出可用额度 0 分，未做任何更改。', '申请的应收账款面值 ¥1,234.56 超出可用额度 ¥0.00，未做任何更改。'],
    [
      'financing_over_limit',
      'The receivables’ face value of 123456 fen is over the 5 fen available; nothing was changed.',
      'The receivables’ face value of ¥1,234.56 is over the ¥0.05 available; nothing was changed.',
    ],
    // Other problems, and quoted words outside invalid_state, are left alone.
    ['four_eyes', '该融资申请的上一步由您本人（或您创建的 API 密钥）完成，这一步须由另一人完成。', '该融资申请的上一步由您本人（或您创建的 API 密钥）完成，这一步须由另一人完成。'],
    ['validation_failed', '请求中有 2 处错误，请修改后重试。', '请求中有 2 处错误，请修改后重试。'],
    ['conflict', '应收账款已存在：“issued”。', '应收账款已存在：“issued”。'],
  ])('%s: %s', (code, detail, shown) => expect(readableDetail({ code, detail }, label)).toBe(shown));
});
