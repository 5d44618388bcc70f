import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, QRCode, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiProblem } from '../../api/client.ts';
import { useMe } from '../../auth/use-me.ts';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { yuan } from '../../components/money.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { modelName, useAssessment, useClaim, useQuote, useVehicle, type QuoteLine } from './api.ts';
import { splitDescription } from './lines.ts';
import './print.css';
import { rmbUpper } from './rmb.ts';

const priced: QuoteLine['approval']['status'][] = ['auto_approved', 'approved', 'corrected'];

// /assessments/:id/print — the assessment sheet (定损单) to print and sign: the insurer and the
// shop, the claim and the vehicle, each line with its approved grade and price, the totals in
// figures and in capitals, and boxes for the signatures. Shops and adjusters still sign paper.
export default function PrintPage() {
  const { t } = useTranslation('assessment');
  const { id = '' } = useParams();
  const me = useMe();
  const assessment = useAssessment(id);
  const claim = useClaim(assessment.data?.claimId);
  const vehicle = useVehicle(claim.data);
  const quote = useQuote(id, assessment.data !== undefined && assessment.data.status !== 'draft');

  useEffect(() => {
    if (!claim.data || !assessment.data) return;
    const before = document.title;
    // The name a "save as PDF" offers.
    document.title = `${t('breadcrumb.print')}-${claim.data.claimNo}-v${assessment.data.version}`;
    return () => {
      document.title = before;
    };
  }, [claim.data, assessment.data, t]);

  if (assessment.isError) return <LoadError error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (claim.isError) return <LoadError error={claim.error} onRetry={() => void claim.refetch()} />;
  const quoteMissing = quote.error instanceof ApiProblem && quote.error.status === 404;
  if (quote.isError && !quoteMissing) return <LoadError error={quote.error} onRetry={() => void quote.refetch()} />;
  if (!assessment.data || !claim.data || (quote.isPending && quote.fetchStatus !== 'idle')) return <LoadingBlock rows={12} />;

  const a = assessment.data;
  const c = claim.data;
  const q = quote.data;
  const byLine = new Map((q?.lines ?? []).map((l) => [l.assessmentLineId, l]));
  const org = me.data?.org;
  const insurerName = q?.parties.insurer.name ?? (org?.id === c.insurerOrgId ? org.name : '');
  const shopName = q?.parties.repairShop.name ?? (org?.id === c.repairShopOrgId ? org.name : '');
  const hours = Math.round(a.lines.reduce((s, l) => s + l.labourHours, 0) * 10) / 10;
  const pending = q ? a.lines.some((l) => l.operation === 'replace' && byLine.has(l.id) && !priced.includes(byLine.get(l.id)!.approval.status)) : false;
  const totals = q?.approved;
  const url = `${window.location.origin}/assessments/${a.id}`;

  return (
    <div>
      <Space className="dj-noprint" wrap style={{ marginBottom: 12 }}>
        <Link to={q ? `/assessments/${a.id}/quote` : `/assessments/${a.id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('print.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print.button')}
        </Button>
      </Space>
      {!q && <Alert className="dj-noprint" type="info" showIcon title={t('print.draftNote')} style={{ marginBottom: 12 }} />}
      <div className="dj-paper-wrap">
        <article className="dj-sheet" data-testid="print-sheet">
          <div className="dj-head">
            <div>
              <div className="dj-insurer">{insurerName || <span className="dj-blank" />}</div>
              <div>
                {t('print.docNo')}
                {t('colon')}
                <span className="dj-mono">{`${c.claimNo}-${String(a.version).padStart(2, '0')}`}</span>
              </div>
            </div>
            <div className="dj-qr">
              <QRCode value={url} size={76} type="svg" bordered={false} color="#000" bgColor="#fff" style={{ padding: 0 }} />
              <span>{t('print.qr')}</span>
            </div>
          </div>
          <h1 className="dj-title">{a.kind === 'supplement' ? t('print.supplementTitle') : t('print.title')}</h1>
          <div className="dj-meta">
            <span>
              {t('print.version')}
              {t('colon')}
              {t('title', { kind: t(`kind.${a.kind}`), version: a.version })}
            </span>
            <span>
              {t('print.printedAt')}
              {t('colon')}
              {chinaDateTime(new Date())}
            </span>
          </div>

          <table className="dj-grid">
            <tbody>
              <tr>
                <td className="dj-label">{t('print.insurer')}</td>
                <td>{insurerName}</td>
                <td className="dj-label">{t('print.shop')}</td>
                <td>{shopName}</td>
              </tr>
              <tr>
                <td className="dj-label">{t('print.claimNo')}</td>
                <td className="dj-mono">{c.claimNo}</td>
                <td className="dj-label">{t('print.policyNo')}</td>
                <td className="dj-mono">{c.policyNo}</td>
              </tr>
              <tr>
                <td className="dj-label">{t('print.plate')}</td>
                <td>{c.plate}</td>
                <td className="dj-label">{t('print.vin')}</td>
                <td className="dj-mono">{c.vin}</td>
              </tr>
              <tr>
                <td className="dj-label">{t('print.vehicle')}</td>
                <td colSpan={3}>{modelName(vehicle.model) ?? ''}</td>
              </tr>
              <tr>
                <td className="dj-label">{t('print.accidentDate')}</td>
                <td>{chinaDate(c.accidentDate)}</td>
                <td className="dj-label">{t('print.region')}</td>
                <td className="dj-mono">{c.accidentRegionCode}</td>
              </tr>
            </tbody>
          </table>

          <table className="dj-grid dj-lines dj-section" data-testid="print-lines">
            <colgroup>
              <col style={{ width: '7mm' }} />
              <col />
              <col style={{ width: '30mm' }} />
              <col style={{ width: '9mm' }} />
              <col style={{ width: '10mm' }} />
              <col style={{ width: '11mm' }} />
              <col style={{ width: '17mm' }} />
              <col style={{ width: '20mm' }} />
              <col style={{ width: '21mm' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('print.no')}</th>
                <th>{t('print.part')}</th>
                <th>{t('print.oeNo')}</th>
                <th>{t('print.qty')}</th>
                <th>{t('print.operation')}</th>
                <th>{t('print.hours')}</th>
                <th>{t('print.grade')}</th>
                <th>{t('print.unit')}</th>
                <th>{t('print.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {a.lines.map((l) => {
                const ql = byLine.get(l.id);
                const ok = ql && priced.includes(ql.approval.status);
                const { name, remark } = splitDescription(l.description);
                return (
                  <tr key={l.id}>
                    <td className="dj-center">{l.lineNo}</td>
                    <td>
                      {name}
                      {remark && <div style={{ fontSize: 10 }}>（{remark}）</div>}
                    </td>
                    <td className="dj-mono">{ql?.oeNo ?? l.oeNo ?? ''}</td>
                    <td className="dj-center">{l.quantity}</td>
                    <td className="dj-center">{t(`operation.${l.operation}`)}</td>
                    <td className="dj-num">{l.labourHours}</td>
                    <td className="dj-center">{ok && ql.approval.grade ? t(`grade.${ql.approval.grade}`) : ''}</td>
                    <td className="dj-num">{ok ? yuan(ql.approval.unitFen) : ql ? t('print.notPriced') : ''}</td>
                    <td className="dj-num">{ok ? yuan(ql.approval.amountFen) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="dj-total">
                <td colSpan={5} className="dj-center">
                  {t('print.hoursTotal')}
                </td>
                <td className="dj-num">{hours}</td>
                <td colSpan={2} className="dj-center">
                  {t('print.partsTotal')}
                </td>
                <td className="dj-num" data-testid="print-total">
                  {totals ? yuan(totals.amountFen) : ''}
                </td>
              </tr>
              {totals && (
                <tr>
                  <td colSpan={9}>
                    {t('print.upper')}
                    <strong>{rmbUpper(totals.amountFen)}</strong>
                    {t('print.vatIncluded', { vat: yuan(totals.vatFen) })}
                  </td>
                </tr>
              )}
              {totals && (
                <tr>
                  <td colSpan={9}>
                    {t('print.oeTotal')}
                    {yuan(totals.referenceFen)}
                    <span style={{ marginInlineStart: '10mm' }}>
                      {t('print.saving')}
                      {yuan(totals.savingFen)}（{(totals.savingBp / 100).toFixed(1)}%）
                    </span>
                  </td>
                </tr>
              )}
            </tfoot>
          </table>
          {(pending || !q) && <div className="dj-note">{q ? t('print.pendingNote') : t('print.draftNote')}</div>}

          <div className="dj-signs">
            {(['adjusterSign', 'shopSign', 'ownerSign'] as const).map((k) => (
              <div className="dj-sign" key={k}>
                <span className="dj-sign-title">
                  {t(`print.${k}`)}
                  {t('colon')}
                </span>
                <span className="dj-sign-date">{t('print.dateBlank')}</span>
              </div>
            ))}
          </div>
          <div className="dj-footer">{t('print.footer')}</div>
        </article>
      </div>
    </div>
  );
}
