import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Payment } from './api.ts';
import { Amount } from './labels.tsx';

// Which payment a dialog acts on (a match, a refund): who sent it, the bank's reference, how much,
// and what is left of it, the figure the dialog works within.
export function PaymentHead({ payment }: { payment: Payment }) {
  const { t } = useTranslation('finance');
  return (
    <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('payment.payer')}>{payment.payer.name}</Descriptions.Item>
      <Descriptions.Item label={t('payment.bankRef')}>{payment.bankRef}</Descriptions.Item>
      <Descriptions.Item label={t('payment.amount')}>
        <Amount fen={payment.amountFen} />
      </Descriptions.Item>
      <Descriptions.Item label={t('payment.unallocated')}>
        <Amount fen={payment.unallocatedFen} strong tone="warning" />
      </Descriptions.Item>
    </Descriptions>
  );
}
