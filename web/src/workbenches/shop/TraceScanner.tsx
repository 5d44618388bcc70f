import { ScanOutlined } from '@ant-design/icons';
import { Input, Space, Tag, Tooltip, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseCode } from './api.ts';

export type CodeState = { code: string; error?: string; warning?: string };

// A box a barcode scanner types into: a scanner "types" the code and presses Enter, so Enter adds
// the code and clears the box for the next one (focus stays). Codes show as tags; a code scanned
// twice is said, not added. `packed` are the codes the warehouse packed for the line: a code not
// among them is marked at once (the server has the last word when the receipt is sent).
export function TraceScanner({
  value = [],
  onChange,
  expected,
  packed,
  errors = {},
  disabled,
  name,
}: {
  value?: string[];
  onChange?: (codes: string[]) => void;
  expected: number;
  packed: string[];
  errors?: Record<string, string>;
  disabled?: boolean;
  name: string;
}) {
  const { t } = useTranslation('shop');
  const [text, setText] = useState('');
  const [note, setNote] = useState<string>();
  const input = useRef<InputRef>(null);

  const add = () => {
    const code = normaliseCode(text);
    setText('');
    if (!code) return;
    if (value.includes(code)) {
      setNote(t('scan.repeated', { code }));
      return;
    }
    setNote(undefined);
    onChange?.([...value, code]);
  };

  return (
    <div>
      <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
        <Input
          ref={input}
          value={text}
          disabled={disabled}
          prefix={<ScanOutlined style={{ color: '#8c8c8c' }} />}
          placeholder={t('scan.placeholder')}
          aria-label={t('scan.label', { name })}
          autoComplete="off"
          spellCheck={false}
          style={{ fontFamily: 'monospace' }}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={(e) => {
            // A scanner's Enter must not submit the whole receipt.
            e.preventDefault();
            add();
          }}
        />
        <Tooltip title={t('scan.count')}>
          <span
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              padding: '0 10px',
              border: '1px solid #d9d9d9',
              borderInlineStart: 0,
              borderRadius: '0 6px 6px 0',
              background: '#fafafa',
              whiteSpace: 'nowrap',
            }}
            data-testid="scan-count"
          >
            {value.length} / {expected}
          </span>
        </Tooltip>
      </Space.Compact>
      {note && (
        <div>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {note}
          </Typography.Text>
        </div>
      )}
      {value.length > 0 && (
        <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 4 }} data-testid="scanned-codes">
          {value.map((code) => {
            const error = errors[code];
            const unexpected = !error && packed.length > 0 && !packed.includes(code);
            const tag = (
              <Tag
                key={code}
                closable={!disabled}
                color={error ? 'error' : unexpected ? 'warning' : 'success'}
                style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}
                onClose={(e) => {
                  e.preventDefault();
                  onChange?.(value.filter((c) => c !== code));
                }}
              >
                {code}
              </Tag>
            );
            return error || unexpected ? (
              <Tooltip key={code} title={error ?? t('scan.notPacked')}>
                {tag}
              </Tooltip>
            ) : (
              tag
            );
          })}
        </div>
      )}
      {Object.entries(errors)
        .filter(([code]) => value.includes(code))
        .map(([code, message]) => (
          <div key={code}>
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {code}：{message}
            </Typography.Text>
          </div>
        ))}
    </div>
  );
}
