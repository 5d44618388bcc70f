import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { keys, type Refund } from './api.ts';
import { ReasonModal } from './ReasonModal.tsx';

// 拒绝 (a second person) or 撤回 (whoever asked, their own): the reason is required, and the amount
// goes back to what is left of the payment.
export function RefuseRefundModal({ refund, withdraw, onClose }: { refund: Refund; withdraw: boolean; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const params = { path: { id: refund.id } };
  return (
    <ReasonModal
      title={t(withdraw ? 'refund.withdrawTitle' : 'refund.refuseTitle', { no: refund.refundNo })}
      okText={t(withdraw ? 'refund.withdraw' : 'refund.refuse')}
      okTestId="refund-refuse-submit"
      label={t('refund.refuseReason')}
      hint={t('refund.refuseHint')}
      requiredMessage={t('refund.refuseReasonRequired')}
      send={(reason, headers) =>
        call(withdraw ? client.POST('/api/v1/refunds/{id}/withdraw', { params, body: { reason }, headers }) : client.POST('/api/v1/refunds/{id}/refuse', { params, body: { reason }, headers }))
      }
      onDone={() => {
        message.success(t(withdraw ? 'refund.withdrawDone' : 'refund.refuseDone', { no: refund.refundNo }));
        void queryClient.invalidateQueries({ queryKey: keys.refunds });
        void queryClient.invalidateQueries({ queryKey: keys.payments });
        onClose();
      }}
      // Another clerk may have decided it meanwhile: the list behind shows where it stands now.
      onError={() => void queryClient.invalidateQueries({ queryKey: keys.refunds })}
      onClose={onClose}
    />
  );
}
