import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client } from '../../api/client.ts';
import { BANK_FILE_MAX_BYTES, fileErrorAt, type Preview } from './bank-import.ts';

// How many of a refused file's reasons are listed; the server names the first ones anyway.
const SHOWN_REASONS = 10;

type Refused = { title: string; reasons: string[] };

// The file read as it is (its bytes: the server tells UTF-8 from GB18030 by them) and sent as
// text/csv to the preview, which changes nothing.
function previewFile(bytes: ArrayBuffer): Promise<Preview> {
  return call(
    client.POST('/api/v1/payments/import/preview', {
      body: bytes as unknown as string,
      bodySerializer: (b) => b,
      headers: { 'content-type': 'text/csv' },
    }),
  );
}

// Step 1: the bank's export, dropped or chosen; what files are read, said before; a file refused as
// a whole (no header found, not a CSV) said with its rows and fields in words.
export function BankImportUpload({ onPreview }: { onPreview: (file: string, preview: Preview) => void }) {
  const { t } = useTranslation('finance');
  const [refused, setRefused] = useState<Refused>();
  const [name, setName] = useState('');
  const preview = useMutation({
    mutationFn: async (file: File) => previewFile(await file.arrayBuffer()),
    onSuccess: (p, file) => onPreview(file.name, p),
    onError: (e) => {
      if (!(e instanceof ApiProblem)) {
        setRefused({ title: t('bankImport.rejected'), reasons: [t('errors.network')] });
        return;
      }
      const reasons = (e.problem.errors ?? []).slice(0, SHOWN_REASONS).map((x) => {
        const at = fileErrorAt(x.path);
        if (at.row === null) return x.message;
        if (!at.field) return `${t('bankImport.rejectedAt', { row: at.row })}：${x.message}`;
        return t('bankImport.rejectedField', { row: at.row, field: t(`bankImport.field.${at.field}`, { defaultValue: at.field }), message: x.message });
      });
      setRefused({ title: e.problem.title, reasons: reasons.length > 0 ? reasons : [e.problem.detail] });
    },
  });

  const take = (file: File) => {
    setRefused(undefined);
    setName(file.name);
    if (file.size === 0) setRefused({ title: t('bankImport.rejected'), reasons: [t('bankImport.empty', { name: file.name })] });
    else if (file.size > BANK_FILE_MAX_BYTES) setRefused({ title: t('bankImport.rejected'), reasons: [t('bankImport.tooBig', { name: file.name })] });
    else preview.mutate(file);
    // The file is sent here, not by the upload box.
    return Upload.LIST_IGNORE;
  };

  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('bankImport.intro')}</Typography.Paragraph>
      <Spin spinning={preview.isPending} description={t('bankImport.reading', { name })}>
        <Upload.Dragger accept=".csv,.txt,text/csv,text/plain" multiple={false} showUploadList={false} beforeUpload={take} disabled={preview.isPending} data-testid="bank-file">
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('bankImport.drop')}</p>
          <p className="ant-upload-hint" style={{ maxWidth: 640, margin: '0 auto' }}>
            {t('bankImport.dropHint')}
          </p>
        </Upload.Dragger>
      </Spin>
      {refused && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={`${refused.title}${name ? `：${name}` : ''}`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {refused.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
          data-testid="bank-file-refused"
        />
      )}
    </Card>
  );
}
