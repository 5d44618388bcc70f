import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, QRCode, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { yuan } from '../../components/money.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { rmbUpper } from '../assessment/rmb.ts';
import { lineName, useOrder, type Order, type Shipment } from './api.ts';
import './delivery-note.css';

// /orders/:id/delivery-note — the delivery note (送货单) to print and sign, one sheet per shipment
// (each leaves from one warehouse or supplier): who sends and who receives, the order and the
// claim, each line with its quantity and amount, the QR of the line's trace codes (a receiver's
// phone reads every unit's code at once), and boxes for the signatures. Shops still sign paper.
export default function DeliveryNotePage() {
  const { t } = useTranslation('shop');
  const { id = '' } = useParams();
  const order = useOrder(id);

  useEffect(() => {
    if (!order.data) return;
    const before = document.title;
    // The name a "save as PDF" offers.
    document.title = `${t('note.title')}-${order.data.orderNo}`;
    return () => {
      document.title = before;
    };
  }, [order.data, t]);

  if (order.isError) return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  if (!order.data) return <LoadingBlock rows={12} />;
  const o = order.data;
  const shipments = o.shipments.filter((s) => s.status !== 'cancelled' && o.lines.some((l) => l.shipmentId === s.id && l.status !== 'cancelled'));

  return (
    <div>
      <Space className="dn-noprint" wrap style={{ marginBottom: 12 }}>
        <Link to={`/orders/${o.id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('note.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('note.print')}
        </Button>
      </Space>
      <div className="dn-paper-wrap">
        {shipments.map((s, i) => (
          <Sheet key={s.id} order={o} shipment={s} index={i + 1} of={shipments.length} />
        ))}
      </div>
    </div>
  );
}

function Sheet({ order: o, shipment: s, index, of }: { order: Order; shipment: Shipment; index: number; of: number }) {
  const { t, i18n } = useTranslation('shop');
  const lines = o.lines.filter((l) => l.shipmentId === s.id && l.status !== 'cancelled');
  const from = lines[0]?.warehouseName ?? '';
  const suppliers = [...new Set(lines.map((l) => l.supplierName))].join('、');
  const amount = lines.reduce((n, l) => n + l.amountFen, 0);
  const vat = lines.reduce((n, l) => n + l.vatFen, 0);
  const units = lines.reduce((n, l) => n + l.qty, 0);
  const noteNo = `${o.orderNo}-${String(index).padStart(2, '0')}`;
  const url = `${window.location.origin}/orders/${o.id}`;
  return (
    <article className="dn-sheet" data-testid="delivery-note">
      <div className="dn-head">
        <div>
          <div className="dn-from">{from}</div>
          <div>
            {t('note.noteNo')}
            {t('note.colon')}
            <span className="dn-mono">{noteNo}</span>
            {of > 1 && <span style={{ marginInlineStart: 8 }}>{t('note.sheetOf', { n: index, of })}</span>}
          </div>
        </div>
        <div className="dn-qr">
          <QRCode value={url} size={72} type="svg" bordered={false} color="#000" bgColor="#fff" style={{ padding: 0 }} />
          <span>{t('note.orderQr')}</span>
        </div>
      </div>
      <h1 className="dn-title">{t('note.title')}</h1>
      <div className="dn-meta">
        <span>
          {t('note.printedAt')}
          {t('note.colon')}
          {chinaDateTime(new Date())}
        </span>
        {s.shippedAt && (
          <span>
            {t('note.shippedAt')}
            {t('note.colon')}
            {chinaDate(s.shippedAt)}
          </span>
        )}
      </div>
      <table className="dn-grid">
        <tbody>
          <tr>
            <td className="dn-label">{t('note.receiver')}</td>
            <td>{o.buyerName}</td>
            <td className="dn-label">{t('note.sender')}</td>
            <td>{from}</td>
          </tr>
          <tr>
            <td className="dn-label">{t('note.orderNo')}</td>
            <td className="dn-mono">{o.orderNo}</td>
            <td className="dn-label">{t('note.supplier')}</td>
            <td>{suppliers}</td>
          </tr>
          <tr>
            <td className="dn-label">{t('note.claimNo')}</td>
            <td className="dn-mono">{o.claimNo ?? t('list.ownPurchase')}</td>
            <td className="dn-label">{t('note.payer')}</td>
            <td>{o.payerName}</td>
          </tr>
          {o.vin && (
            <tr>
              <td className="dn-label">{t('note.plate')}</td>
              <td>{o.plate}</td>
              <td className="dn-label">{t('note.vin')}</td>
              <td className="dn-mono">{o.vin}</td>
            </tr>
          )}
          <tr>
            <td className="dn-label">{t('note.carrier')}</td>
            <td>{s.carrier ?? ''}</td>
            <td className="dn-label">{t('note.trackingNo')}</td>
            <td className="dn-mono">{s.trackingNo ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <table className="dn-grid dn-lines dn-section" data-testid="delivery-note-lines">
        <colgroup>
          <col style={{ width: '7mm' }} />
          <col />
          <col style={{ width: '27mm' }} />
          <col style={{ width: '13mm' }} />
          <col style={{ width: '9mm' }} />
          <col style={{ width: '19mm' }} />
          <col style={{ width: '21mm' }} />
          <col style={{ width: '38mm' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('note.no')}</th>
            <th>{t('note.part')}</th>
            <th>{t('note.oeNo')}</th>
            <th>{t('note.grade')}</th>
            <th>{t('note.qty')}</th>
            <th>{t('note.unit')}</th>
            <th>{t('note.amount')}</th>
            <th>{t('note.traceCodes')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="dn-center">{l.lineNo}</td>
              <td>
                {lineName(l, i18n.language)}
                <div className="dn-small">
                  {l.productName}（{l.sku}）
                </div>
              </td>
              <td className="dn-mono">{l.oeNo ?? ''}</td>
              <td className="dn-center">{t(`grade.${l.grade}`, { defaultValue: l.grade })}</td>
              <td className="dn-center">{l.qty}</td>
              <td className="dn-num">{yuan(l.unitFen)}</td>
              <td className="dn-num">{yuan(l.amountFen)}</td>
              <td>
                {l.traceCodes.length > 0 ? (
                  <div className="dn-codes">
                    <QRCode value={l.traceCodes.join('\n')} size={64} type="svg" bordered={false} color="#000" bgColor="#fff" style={{ padding: 0, flex: 'none' }} />
                    <div className="dn-mono dn-small">
                      {l.traceCodes.map((c) => (
                        <div key={c}>{c}</div>
                      ))}
                    </div>
                  </div>
                ) : (
                  <span className="dn-small">{l.grade === 'certified' ? t('note.notPacked') : t('note.noCodes')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="dn-total">
            <td colSpan={4} className="dn-center">
              {t('note.total')}
            </td>
            <td className="dn-center">{units}</td>
            <td />
            <td className="dn-num" data-testid="delivery-note-total">
              {yuan(amount)}
            </td>
            <td />
          </tr>
          <tr>
            <td colSpan={8}>
              {t('note.upper')}
              <strong>{rmbUpper(amount)}</strong>
              {t('note.vatIncluded', { vat: yuan(vat) })}
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="dn-note">{t('note.inspect')}</div>
      <div className="dn-signs">
        {(['senderSign', 'carrierSign', 'receiverSign'] as const).map((k) => (
          <div className="dn-sign" key={k}>
            <span className="dn-sign-title">
              {t(`note.${k}`)}
              {t('note.colon')}
            </span>
            <span className="dn-sign-date">{t('note.dateBlank')}</span>
          </div>
        ))}
      </div>
      <div className="dn-footer">{t('note.footer')}</div>
    </article>
  );
}
