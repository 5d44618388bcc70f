import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../components/china-time.ts';
import { Money, yuan } from '../../components/money.tsx';
import type { Candidate, Quote, QuoteLine } from './api.ts';
import { ApprovalTag, GradeTag, SourceTag } from './labels.tsx';

const pct = (bp: number | null | undefined) => (bp === null || bp === undefined ? '' : `${(bp / 100).toFixed(1)}%`);

// Where a candidate ships from and when: the kind (stock, drop-ship, transfer, purchase), the
// warehouse, and the days to the shop.
function Sourcing({ c }: { c: Pick<Candidate, 'sourcing' | 'etaDays'> }) {
  const { t } = useTranslation('assessment');
  const s = c.sourcing;
  if (!s) return c.etaDays === null ? <>—</> : t('quote.etaDays', { count: c.etaDays });
  return (
    <div style={{ lineHeight: 1.5 }}>
      <Space size={6}>
        <SourceTag kind={s.kind} />
        {s.etaDays !== null && <Typography.Text strong>{t('quote.etaDays', { count: s.etaDays })}</Typography.Text>}
      </Space>
      {s.warehouse && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.warehouse.name}
          </Typography.Text>
        </div>
      )}
      {s.fromWarehouse && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('quote.transferFrom', { from: s.fromWarehouse.name })}
          </Typography.Text>
        </div>
      )}
      {s.unsourceableReason && (
        <div>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t(`unsourceable.${s.unsourceableReason}`)}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function Reasons({ reasons, type }: { reasons: Candidate['reasons']; type?: 'danger' | 'secondary' }) {
  if (reasons.length === 0) return <>—</>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {reasons.map((r, i) => (
        <Typography.Text key={`${r.code}-${i}`} type={type} style={{ fontSize: 12 }}>
          {r.text}
        </Typography.Text>
      ))}
    </div>
  );
}

function Offer({ c, product }: { c: Candidate; product?: boolean }) {
  const { t } = useTranslation('assessment');
  return (
    <div style={{ lineHeight: 1.5, minWidth: 180 }}>
      <Space size={6} wrap>
        <GradeTag grade={c.grade} />
        <Typography.Text strong>{c.brand}</Typography.Text>
        {c.source === 'bid' && <Tag color="purple">{t('quote.bid')}</Tag>}
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.supplier.name}
        </Typography.Text>
      </div>
      {product && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.productName}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

// The offers the ranking did not choose: runners-up (allowed, dearer or later) and excluded ones
// (the policy or the guide ruled them out), each with its reasons.
function CandidateTable({ rows, excluded }: { rows: Candidate[]; excluded?: boolean }) {
  const { t } = useTranslation('assessment');
  if (rows.length === 0) {
    return (
      <div style={{ padding: '4px 0' }}>
        <Typography.Text type="secondary">{excluded ? t('quote.noExcluded') : t('quote.noRunnersUp')}</Typography.Text>
      </div>
    );
  }
  return (
    <Table<Candidate>
      size="small"
      rowKey="offerId"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'offer', title: t('quote.supplier'), width: 280, render: (_, c) => <Offer c={c} product /> },
        { key: 'price', title: t('quote.unitPrice'), dataIndex: 'priceFen', width: 100, align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { key: 'ship', title: t('quote.shipFrom'), width: 150, render: (_, c) => <Sourcing c={c} /> },
        { key: 'lead', title: t('quote.leadTime'), dataIndex: 'leadTimeDays', width: 70, render: (n: number) => t('quote.days', { count: n }) },
        { key: 'reasons', title: t('quote.reasons'), render: (_, c) => <Reasons reasons={c.reasons} type={excluded ? 'danger' : 'secondary'} /> },
      ]}
    />
  );
}

function LineDetail({ line }: { line: QuoteLine }) {
  const { t } = useTranslation('assessment');
  const r = line.ranking;
  if (!r) return null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: '4px 0' }} data-testid={`quote-line-detail-${line.lineNo}`}>
      {r.chosen && (
        <div>
          <Typography.Text type="secondary">
            {t('quote.whyChosen')}
            {t('colon')}
          </Typography.Text>
          {r.chosen.reasons.map((x, i) => (
            <Tag key={`${x.code}-${i}`} color="green" style={{ marginBlock: 2 }}>
              {x.text}
            </Tag>
          ))}
          {r.guideCapFen !== null && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t('quote.guideCap')} <Money fen={r.guideCapFen} />
            </Typography.Text>
          )}
        </div>
      )}
      <div>
        <Typography.Text strong>{t('quote.runnersUp', { count: r.runnersUp.length })}</Typography.Text>
        <CandidateTable rows={r.runnersUp} />
      </div>
      <div>
        <Typography.Text strong>{t('quote.excluded', { count: r.excluded.length })}</Typography.Text>
        <CandidateTable rows={r.excluded} excluded />
      </div>
    </div>
  );
}

// The saving of a line against the OE reference for the same quantity: the approval's when it is
// approved, else the chosen offer's.
function lineSaving(line: QuoteLine): { fen: number; bp: number | null } | null {
  if (line.approval.savingFen !== null) return { fen: line.approval.savingFen, bp: line.approval.savingBp };
  const chosen = line.ranking?.chosen;
  if (!chosen || line.oeReferenceFen === null) return null;
  const reference = line.oeReferenceFen * line.quantity;
  const fen = reference - chosen.lineAmountFen;
  return { fen, bp: reference > 0 ? Math.round((fen * 10000) / reference) : null };
}

// The quote of one assessment version, a line per part: the chosen offer (grade, supplier and
// brand, price, where it ships from and the ETA), the OE reference and the saving, and the price
// check's state. A row opens to the runners-up and the excluded offers with their reasons.
export function QuoteTable({ quote }: { quote: Quote }) {
  const { t } = useTranslation('assessment');
  const insurer = quote.view === 'insurer';
  return (
    <div data-testid="quote-table">
      <Table<QuoteLine>
        size="middle"
        rowKey="id"
        dataSource={quote.lines}
        pagination={false}
        scroll={{ x: 990 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quote.empty')} /> }}
        expandable={insurer ? { expandedRowRender: (line) => <LineDetail line={line} />, rowExpandable: (line) => !!line.ranking } : undefined}
        columns={[
          { key: 'no', title: '#', dataIndex: 'lineNo', width: 40 },
          {
            key: 'part',
            title: t('quote.line'),
            width: 170,
            render: (_, l) => (
              <div style={{ lineHeight: 1.5 }}>
                <Typography.Text strong>{l.description}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                  × {l.quantity}
                </Typography.Text>
                {l.oeNo && <div style={{ fontSize: 12, fontFamily: 'monospace', color: '#8c8c8c' }}>{l.oeNo}</div>}
              </div>
            ),
          },
          {
            key: 'chosen',
            title: t('quote.chosen'),
            width: 200,
            render: (_, l) => {
              const c = l.ranking?.chosen;
              if (c) return <Offer c={c} />;
              if (!insurer && l.approval.grade) return <GradeTag grade={l.approval.grade} />;
              if (l.needsInquiry) {
                const open = l.ranking?.inquiries.find((i) => i.status === 'open') ?? l.ranking?.inquiries.at(-1);
                return (
                  <div>
                    <Tag color="purple">{t('quote.inquiryOpen')}</Tag>
                    {open && (
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('quote.deadline', { time: chinaDateTime(open.deadlineAt) })}
                        </Typography.Text>
                      </div>
                    )}
                  </div>
                );
              }
              return <Typography.Text type="secondary">{t('quote.noChosen')}</Typography.Text>;
            },
          },
          {
            key: 'price',
            title: t('quote.amount'),
            width: 110,
            align: 'right',
            render: (_, l) => {
              const c = l.ranking?.chosen;
              const unit = c?.priceFen ?? l.approval.unitFen;
              const amount = c?.lineAmountFen ?? l.approval.amountFen;
              if (amount === null || amount === undefined) return '—';
              return (
                <div>
                  <Money fen={amount} strong />
                  {l.quantity > 1 && unit !== null && (
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {yuan(unit)} × {l.quantity}
                    </div>
                  )}
                </div>
              );
            },
          },
          {
            key: 'saving',
            title: t('quote.oeAndSaving'),
            width: 120,
            align: 'right',
            render: (_, l) => {
              const s = lineSaving(l);
              return (
                <div>
                  <Money fen={l.oeReferenceFen === null ? null : l.oeReferenceFen * l.quantity} type="secondary" />
                  {s && (
                    <div>
                      <Money fen={s.fen} type={s.fen > 0 ? 'success' : s.fen < 0 ? 'danger' : undefined} />
                      {s.bp !== null && <span style={{ fontSize: 12, color: '#8c8c8c', marginInlineStart: 4 }}>{pct(s.bp)}</span>}
                    </div>
                  )}
                </div>
              );
            },
          },
          {
            key: 'ship',
            title: t('quote.shipFrom'),
            width: 150,
            render: (_, l) => (l.ranking?.chosen ? <Sourcing c={l.ranking.chosen} /> : l.chosenSource ? <Sourcing c={{ sourcing: null, etaDays: l.etaDays }} /> : '—'),
          },
          {
            key: 'approval',
            title: t('quote.approvalStatus'),
            width: 160,
            render: (_, l) => (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 4, alignItems: 'flex-start' }}>
                <ApprovalTag status={l.approval.status} />
                {l.approval.status !== 'auto_approved' && l.approval.reasons.length > 0 && <Reasons reasons={l.approval.reasons} type="secondary" />}
                {l.approval.sendBackReason && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('quote.sendBack', { reason: l.approval.sendBackReason })}
                  </Typography.Text>
                )}
              </div>
            ),
          },
        ]}
      />
      {quote.notQuoted.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">
            {t('quote.repairOnly')}
            {t('colon')}
          </Typography.Text>
          {quote.notQuoted.map((n) => (
            <Tag key={n.assessmentLineId} style={{ marginBlock: 2 }}>
              {n.lineNo}. {n.description} · {t('quote.repairOnlyTag')}
            </Tag>
          ))}
        </div>
      )}
      <QuoteTotals quote={quote} />
    </div>
  );
}

function Figure({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={title} valueRender={() => <span data-testid={testId}>{children}</span>} />
    </Col>
  );
}

// The version's figures: what the chosen offers cost (VAT included, with the VAT and the net), the
// OE reference for the same lines, the saving, what is approved so far on this version and on the
// whole claim.
export function QuoteTotals({ quote }: { quote: Quote }) {
  const { t } = useTranslation('assessment');
  const q = quote.quoted;
  const multiVersion = quote.claimApproved.amountFen !== quote.approved.amountFen;
  return (
    <Card size="small" title={t('quote.totals')} style={{ marginTop: 16 }} data-testid="quote-totals">
      <Row gutter={[16, 16]}>
        {q && (
          <Figure title={t('quote.quotedTotal')} testId="total-quoted">
            <Money fen={q.amountFen} strong />
          </Figure>
        )}
        {q && (
          <Figure title={t('quote.vat')}>
            <Money fen={q.vatFen} />
          </Figure>
        )}
        <Figure title={t('quote.oeTotal')} testId="total-reference">
          <Money fen={(q ?? quote.approved).referenceFen} />
        </Figure>
        <Figure title={t('quote.saving')} testId="total-saving">
          <Money fen={(q ?? quote.approved).savingFen} type="success" strong />
          <Typography.Text type="success" style={{ fontSize: 13, marginInlineStart: 6 }}>
            {pct((q ?? quote.approved).savingBp)}
          </Typography.Text>
        </Figure>
        <Figure title={t('quote.approvedTotal')} testId="total-approved">
          <Money fen={quote.approved.amountFen} />
        </Figure>
        {multiVersion ? (
          <Figure title={t('quote.claimApproved')}>
            <Money fen={quote.claimApproved.amountFen} />
          </Figure>
        ) : (
          quote.view === 'shop' && (
            <Figure title={t('quote.handlingFee')}>
              <Money fen={quote.approved.handlingFeeFen} />
            </Figure>
          )
        )}
      </Row>
      {(quote.pendingLineIds.length > 0 || quote.needsInquiryLineIds.length > 0) && (
        <Space style={{ marginTop: 8 }}>
          {quote.pendingLineIds.length > 0 && <Tag color="warning">{t('quote.pendingLines', { count: quote.pendingLineIds.length })}</Tag>}
          {quote.needsInquiryLineIds.length > 0 && <Tag color="purple">{t('quote.inquiryLines', { count: quote.needsInquiryLineIds.length })}</Tag>}
        </Space>
      )}
    </Card>
  );
}

// A region's names from province down (GB/T 2260 code), read level by level as the API lists
// them: a municipality's districts hang straight under it, so a district is looked for among the
// province's children before its city's.
export function QuoteFacts({ quote }: { quote: Quote }) {
  const { t } = useTranslation('assessment');
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
      <Descriptions.Item label={t('quote.quotedAt')}>{chinaDateTime(quote.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('quote.deliveryRegion')}>
        <span data-testid="delivery-region">{quote.deliveryRegionName ?? quote.deliveryRegionCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('quote.vehicleAge')}>{t('quote.years', { n: quote.vehicle.ageYears })}</Descriptions.Item>
      <Descriptions.Item label={t('quote.policyVersion')}>{quote.policyVersion === null ? t('quote.defaultPolicy') : `v${quote.policyVersion}`}</Descriptions.Item>
    </Descriptions>
  );
}
