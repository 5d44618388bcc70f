import { ArrowLeftOutlined } from '@ant-design/icons';
import { Result, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LoadingBlock } from '../../components/states.tsx';
import { BankImportPreview } from './BankImportPreview.tsx';
import { BankImportResult } from './BankImportResult.tsx';
import { BankImportUpload } from './BankImportUpload.tsx';
import type { Choices, ImportResult, Preview, PreviewRow } from './bank-import.ts';
import { useFinanceRights } from './rights.ts';

type Stage = { step: 'upload' } | { step: 'check'; file: string; preview: Preview } | { step: 'done'; file: string; result: ImportResult; sent: PreviewRow[]; choices: Choices };

// /finance/payments/import — 导入银行流水: the platform's finance clerk uploads the bank's export,
// checks what the preview read and suggests (payer, statements, why), corrects a line's payer and
// matches or unticks it, confirms, and reads each line's outcome with its payment.
export default function BankImportPage() {
  const { t } = useTranslation('finance');
  const rights = useFinanceRights();
  const [stage, setStage] = useState<Stage>({ step: 'upload' });
  if (rights.loading) return <LoadingBlock />;
  if (!rights.manage) return <Result status="403" title={t('home.noAccess')} subTitle={t('home.noAccessHint')} />;
  const current = { upload: 0, check: 1, done: 2 }[stage.step];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Link to="/finance/payments">
        <ArrowLeftOutlined /> {t('bankImport.back')}
      </Link>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('bankImport.title')}
        </Typography.Title>
        <Steps size="small" current={current} style={{ maxWidth: 480 }} items={[{ title: t('bankImport.stepUpload') }, { title: t('bankImport.stepCheck') }, { title: t('bankImport.stepDone') }]} />
      </div>
      {stage.step === 'upload' && <BankImportUpload onPreview={(file, preview) => setStage({ step: 'check', file, preview })} />}
      {stage.step === 'check' && (
        <BankImportPreview
          key={stage.file}
          file={stage.file}
          preview={stage.preview}
          onAgain={() => setStage({ step: 'upload' })}
          onDone={(result, sent, choices) => setStage({ step: 'done', file: stage.file, result, sent, choices })}
        />
      )}
      {stage.step === 'done' && <BankImportResult file={stage.file} result={stage.result} sent={stage.sent} choices={stage.choices} onAgain={() => setStage({ step: 'upload' })} />}
    </Space>
  );
}
