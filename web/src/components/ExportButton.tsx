import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, type Answer } from '../api/client.ts';

// The file's name as the server gave it: filename* (UTF-8, so 报案清单-20261205.xlsx) before the
// ASCII fallback.
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(disposition)?.[1];
}

// "Export to Excel" for a list: asks the API for the file with the list's current filters and
// hands it to the browser as a download; a refusal (too many rows, a bad filter) is said in a
// message, in the user's language, and the list stays as it was.
export function ExportButton({ fetchFile }: { fetchFile: () => Promise<Answer<Blob>> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      let name = 'export.xlsx';
      const blob = await call(
        fetchFile().then((answer) => {
          name = fileNameOf(answer.response.headers.get('content-disposition')) ?? name;
          return answer;
        }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      void message.error(e instanceof ApiProblem ? e.problem.detail : t('common.exportFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export">
      {t('common.export')}
    </Button>
  );
}
