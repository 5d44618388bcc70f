import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client } from '../../api/client.ts';
import { fileNameOf } from '../../components/ExportButton.tsx';

// A statement as a file (导出 Excel / 导出 CSV): the server writes it in the reader's language and
// names it (对账单-ST….xlsx); a refusal is said in a message and nothing is downloaded.
export function StatementDownload({ id, format }: { id: string; format: 'xlsx' | 'csv' }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      let name = `statement.${format}`;
      const pending =
        format === 'xlsx'
          ? client.GET('/api/v1/statements/{id}/export.xlsx', { params: { path: { id } }, parseAs: 'blob' })
          : client.GET('/api/v1/statements/{id}/export.csv', { params: { path: { id } }, parseAs: 'blob' });
      const blob = await call(
        pending.then((answer) => {
          name = fileNameOf(answer.response.headers.get('content-disposition')) ?? name;
          return answer;
        }),
      );
      const url = URL.createObjectURL(blob as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      void message.error(e instanceof ApiProblem ? e.problem.detail : t('export.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={`export-${format}`}>
      {t(`export.${format}`)}
    </Button>
  );
}
