import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grade, LineStatus, OrderStatus, Return, Shipment } from './api.ts';

// Tags for the enums this workbench shows. Every value has its words in both languages
// (locales/*.json), so no code reaches the screen.

const tag = { style: { marginInlineEnd: 0 } };

const orderColors: Record<OrderStatus, string> = {
  awaiting_stock: 'orange',
  reserved: 'blue',
  in_fulfilment: 'processing',
  shipped: 'geekblue',
  delivered: 'gold',
  received: 'cyan',
  completed: 'success',
  cancelled: 'default',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('shop');
  return (
    <Tag color={orderColors[status]} {...tag} data-status={status}>
      {t(`orderStatus.${status}`)}
    </Tag>
  );
}

const lineColors: Record<LineStatus, string> = {
  awaiting_stock: 'orange',
  reserved: 'blue',
  picked: 'processing',
  shipped: 'geekblue',
  delivered: 'gold',
  accepted: 'success',
  rejected: 'error',
  installed: 'green',
  returned: 'magenta',
  cancelled: 'default',
};

export function LineStatusTag({ status }: { status: LineStatus }) {
  const { t } = useTranslation('shop');
  return (
    <Tag color={lineColors[status]} {...tag}>
      {t(`lineStatus.${status}`)}
    </Tag>
  );
}

const shipmentColors: Record<Shipment['status'], string> = { open: 'blue', shipped: 'geekblue', delivered: 'success', cancelled: 'default' };

export function ShipmentStatusTag({ status }: { status: Shipment['status'] }) {
  const { t } = useTranslation('shop');
  return (
    <Tag color={shipmentColors[status]} {...tag}>
      {t(`shipmentStatus.${status}`)}
    </Tag>
  );
}

const returnColors: Record<Return['status'], string> = { requested: 'warning', approved: 'processing', refused: 'error', received: 'cyan', closed: 'default' };

export function ReturnStatusTag({ status }: { status: Return['status'] }) {
  const { t } = useTranslation('shop');
  return (
    <Tag color={returnColors[status]} {...tag}>
      {t(`returnStatus.${status}`)}
    </Tag>
  );
}

const gradeColors: Record<Grade, string> = { oem: 'gold', oes: 'blue', certified: 'green', aftermarket: 'cyan', recycled: 'purple' };

export function GradeTag({ grade }: { grade: string | null | undefined }) {
  const { t } = useTranslation('shop');
  if (!grade) return null;
  return (
    <Tag color={gradeColors[grade as Grade] ?? 'default'} {...tag}>
      {t(`grade.${grade}`, { defaultValue: t('grade.other') })}
    </Tag>
  );
}

export function LateTag({ late }: { late: boolean }) {
  const { t } = useTranslation('shop');
  if (!late) return null;
  return (
    <Tooltip title={t('shipment.lateHint')}>
      <Tag color="error" {...tag}>
        {t('shipment.late')}
      </Tag>
    </Tooltip>
  );
}
