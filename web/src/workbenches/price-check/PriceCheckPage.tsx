import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Input, InputNumber, Radio, Result, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { Money, yuan } from '../../components/money.tsx';
import { errorText, LoadError, LoadingBlock } from '../../components/states.tsx';
import { keys, useClaim, useQuote, type Candidate, type Quote, type QuoteLine } from './api.ts';
import { approveBody, candidatesOf, draftProblem, liveTotals, unitFenOf, type Draft, type Drafts } from './decisions.ts';

type Claim = NonNullable<ReturnType<typeof useClaim>['data']>;

// The price check (核价) of one quoted version: each line that needs a human, with its chosen
// offer, OE reference and the reasons it was not approved automatically; the checker accepts,
// corrects (another offer of the ranking, or a unit price cap) or sends it back, and the version's
// totals follow every decision. Keyboard: ↑/↓ or j/k between lines, a / c / b, Ctrl+Enter submits.
export default function PriceCheckPage() {
  const { assessmentId = '' } = useParams();
  const { t } = useTranslation('price-check');
  const quote = useQuote(assessmentId);
  const claim = useClaim(quote.data?.claimId);
  if (quote.isPending) return <LoadingBlock rows={10} />;
  if (quote.isError) return <LoadError error={quote.error} onRetry={() => void quote.refetch()} />;
  if (claim.isError) return <LoadError error={claim.error} onRetry={() => void claim.refetch()} />;
  if (!claim.data) return <LoadingBlock rows={10} />;
  if (quote.data.pendingLineIds.length === 0) {
    return (
      <Result
        status="success"
        title={t('check.nothingWaits')}
        subTitle={t('check.nothingWaitsHint', { claimNo: claim.data.claimNo })}
        extra={
          <Link to="/price-check">
            <Button type="primary">{t('check.backToQueue')}</Button>
          </Link>
        }
      />
    );
  }
  return <CheckForm key={quote.data.id} quote={quote.data} claim={claim.data} />;
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);

function CheckForm({ quote, claim }: { quote: Quote; claim: Claim }) {
  const { t } = useTranslation('price-check');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pending = useMemo(() => quote.lines.filter((l) => l.approval.status === 'pending'), [quote]);
  const autoCount = quote.lines.length - pending.length;
  const [drafts, setDrafts] = useState<Drafts>({});
  const [active, setActive] = useState(0);
  const [tried, setTried] = useState(false);
  const [lineErrors, setLineErrors] = useState<Record<string, string[]>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const intent = useRef<{ 'idempotency-key': string } | null>(null);
  const focusTarget = useRef<string | null>(null);

  const totals = liveTotals(quote, drafts);
  const decided = pending.filter((l) => drafts[l.id]).length;
  const invalid = pending.filter((l) => {
    const d = drafts[l.id];
    return d && draftProblem(d);
  });

  const setDraft = (id: string, d: Draft | undefined) => {
    setDrafts((all) => ({ ...all, [id]: d }));
    setLineErrors((e) => ({ ...e, [id]: [] }));
    intent.current = null;
  };

  const submit = useMutation({
    mutationFn: async () => {
      const { lines, ids } = approveBody(quote, drafts);
      intent.current ??= idempotencyKey();
      try {
        return await call(client.POST('/api/v1/assessments/{id}/approve', { params: { path: { id: quote.assessmentId } }, body: { lines }, headers: intent.current }));
      } catch (e) {
        throw Object.assign(e as Error, { ids });
      }
    },
    onSuccess: async (answer) => {
      intent.current = null;
      const approved = answer.assessmentStatus === 'approved';
      void message.success(approved ? t('check.doneApproved', { claimNo: claim.claimNo }) : t('check.doneSaved', { claimNo: claim.claimNo }));
      queryClient.setQueryData(keys.quote(quote.assessmentId), answer);
      await queryClient.invalidateQueries({ queryKey: keys.queue });
      void navigate('/price-check');
    },
    onError: (e: Error & { ids?: string[] }) => {
      const ids = e.ids ?? [];
      const perLine: Record<string, string[]> = {};
      const rest: string[] = [];
      if (e instanceof ApiProblem) {
        for (const err of e.problem.errors ?? []) {
          const m = /^lines\.(\d+)(?:\.|$)/.exec(err.path);
          const id = m ? ids[Number(m[1])] : undefined;
          if (id) {
            perLine[id] ??= [];
            perLine[id].push(err.message);
          } else rest.push(err.message);
        }
        setGeneral([e.problem.detail, ...rest]);
      } else setGeneral([errorText(e, t)]);
      setLineErrors(perLine);
    },
  });

  const trySubmit = () => {
    setTried(true);
    if (decided === 0 || invalid.length > 0 || submit.isPending) return;
    setGeneral([]);
    submit.mutate();
  };

  // The keyboard: one listener for the page; inside a text field only Ctrl+Enter and Esc count.
  const state = useRef({ pending, active, drafts, trySubmit });
  state.current = { pending, active, drafts, trySubmit };
  // biome-ignore lint/correctness/useExhaustiveDependencies: one listener for the page's life; it reads the latest state through the ref.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const s = state.current;
      if ((ev.ctrlKey || ev.metaKey) && ev.key === 'Enter') {
        ev.preventDefault();
        s.trySubmit();
        return;
      }
      if (ev.key === 'Escape' && typing(ev.target)) {
        (ev.target as HTMLElement).blur();
        return;
      }
      if (typing(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const line = s.pending[s.active];
      const move = (by: number) => setActive((a) => Math.min(s.pending.length - 1, Math.max(0, a + by)));
      switch (ev.key) {
        case 'ArrowDown':
        case 'j':
          ev.preventDefault();
          move(1);
          break;
        case 'ArrowUp':
        case 'k':
          ev.preventDefault();
          move(-1);
          break;
        case 'a':
          if (line?.ranking?.chosen) {
            setDraft(line.id, { action: 'accept' });
            move(1);
          }
          break;
        case 'c':
          if (line) {
            ev.preventDefault();
            if (s.drafts[line.id]?.action !== 'correct') setDraft(line.id, { action: 'correct' });
            focusTarget.current = `offer-${line.id}`;
          }
          break;
        case 'b':
          if (line) {
            ev.preventDefault();
            if (s.drafts[line.id]?.action !== 'send_back') setDraft(line.id, { action: 'send_back', reason: '' });
            focusTarget.current = `reason-${line.id}`;
          }
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // After c or b, the field to fill gets the focus once it is on screen.
  useEffect(() => {
    const id = focusTarget.current;
    if (!id) return;
    focusTarget.current = null;
    document.getElementById(id)?.focus();
  });

  const activeId = pending[active]?.id;
  useEffect(() => {
    // Only the page scrolls (vertically) to the active line: the table's own sideways scroll stays.
    const el = activeId ? document.querySelector(`[data-row-key="${activeId}"]`) : null;
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (r.bottom > window.innerHeight) window.scrollBy?.({ top: r.bottom - window.innerHeight + 16 });
    else if (r.top < 0) window.scrollBy?.({ top: r.top - 16 });
  }, [activeId]);

  const columns: ColumnsType<QuoteLine> = [
    { key: 'no', title: t('line.no'), dataIndex: 'lineNo', width: 52 },
    {
      key: 'part',
      title: t('line.part'),
      width: 150,
      render: (_, l) => (
        <div>
          <Typography.Text strong>{l.description}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.oeNo ?? t('line.noOe')} · ×{l.quantity}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'chosen',
      title: t('line.chosen'),
      width: 200,
      render: (_, l) => {
        const c = l.ranking?.chosen;
        if (!c) return <Tag color="red">{t('line.noOffer')}</Tag>;
        return <OfferCell c={c} />;
      },
    },
    {
      key: 'oe',
      title: t('line.oeReference'),
      width: 100,
      align: 'right',
      render: (_, l) => (
        <div>
          <Money fen={l.oeReferenceFen} />
          {l.ranking?.guideCapFen != null && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('line.guideCap', { cap: yuan(l.ranking.guideCapFen) })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'reasons',
      title: t('line.reasons'),
      width: 160,
      render: (_, l) => {
        const reasons = l.approval.reasons;
        if (reasons.length === 0) return <Typography.Text type="secondary">{l.needsInquiry ? t('line.inquiryOpen') : '—'}</Typography.Text>;
        return (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {reasons.map((r, i) => (
              <li key={i}>
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {r.text}
                </Typography.Text>
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      key: 'amount',
      title: t('line.amount'),
      width: 100,
      align: 'right',
      render: (_, l) => {
        const d = drafts[l.id];
        const unit = unitFenOf(l, d);
        if (d?.action === 'send_back') return <Typography.Text type="secondary">{t('line.notBought')}</Typography.Text>;
        return <Money fen={unit === null ? null : unit * l.quantity} strong={!!d} />;
      },
    },
    {
      key: 'decision',
      title: t('line.decision'),
      width: 230,
      fixed: 'right',
      render: (_, l) => <DecisionCell line={l} draft={drafts[l.id]} tried={tried} errors={lineErrors[l.id] ?? []} onChange={(d) => setDraft(l.id, d)} />,
    },
  ];

  const vehicle = [quote.vehicle.modelYear ? t('header.modelYear', { year: quote.vehicle.modelYear }) : null, t('header.age', { years: quote.vehicle.ageYears })].filter(Boolean).join(' · ');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/price-check">{t('queue.title')}</Link> }, { title: t('check.crumb', { claimNo: claim.claimNo }) }]} />
      <Card size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 2, lg: 3 }}
            title={
              <Space>
                {t('check.title', { claimNo: claim.claimNo })}
                <Tag color="orange">{t('check.waitingTag')}</Tag>
              </Space>
            }
            items={[
              { key: 'plate', label: t('header.plate'), children: claim.plate },
              { key: 'vin', label: t('header.vin'), children: <Typography.Text copyable>{claim.vin}</Typography.Text> },
              { key: 'vehicle', label: t('header.vehicle'), children: vehicle },
              { key: 'shop', label: t('header.shop'), children: quote.parties.repairShop.name },
              { key: 'version', label: t('header.version'), children: quote.version === 1 ? t('kind.initial') : t('kind.supplement', { version: quote.version }) },
              { key: 'quotedAt', label: t('header.quotedAt'), children: chinaDateTime(quote.createdAt) },
            ]}
          />
          <Space size="large" wrap style={{ alignItems: 'flex-start' }} data-testid="totals">
            <Statistic title={t('totals.quoted')} value={yuan(quote.quoted?.amountFen ?? null)} styles={{ content: { fontSize: 18 } }} />
            <Statistic title={t('totals.approved')} value={yuan(totals.amountFen)} styles={{ content: { fontSize: 18, color: '#1677ff' } }} />
            <Statistic title={t('totals.reference')} value={yuan(totals.referenceFen)} styles={{ content: { fontSize: 18 } }} />
            <Statistic
              title={t('totals.saving')}
              value={yuan(totals.savingFen)}
              suffix={<span style={{ fontSize: 13 }}>（{(totals.savingBp / 100).toFixed(1)}%）</span>}
              styles={{ content: { fontSize: 18, color: totals.savingFen >= 0 ? '#389e0d' : '#cf1322' } }}
            />
          </Space>
        </Space>
      </Card>
      {general.length > 0 && <Alert type="error" showIcon title={general[0]} description={general.length > 1 ? general.slice(1).join('；') : undefined} closable onClose={() => setGeneral([])} />}
      <Card
        size="small"
        title={
          <Space wrap>
            {t('check.lines')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('check.progress', { decided, total: pending.length })}
              {autoCount > 0 ? ` · ${t('check.autoApproved', { count: autoCount })}` : ''}
            </Typography.Text>
          </Space>
        }
        extra={<KeyHint />}
      >
        {/* The active line, every cell of it (the fixed decision column paints its own background). */}
        <style>{'.price-check-active > td { background: #e6f4ff !important; } .price-check-active > td:first-child { box-shadow: inset 3px 0 0 #1677ff; }'}</style>
        <Table<QuoteLine>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={pending}
          pagination={false}
          scroll={{ x: 990 }}
          rowClassName={(l) => (l.id === activeId ? 'price-check-active' : '')}
          onRow={(l, i) => ({ onClick: () => setActive(i ?? 0), 'aria-selected': l.id === activeId })}
        />
        <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 12, marginTop: 12, flexWrap: 'wrap' }}>
          {tried && decided === 0 && <Typography.Text type="danger">{t('check.decideFirst')}</Typography.Text>}
          {tried && invalid.length > 0 && <Typography.Text type="danger">{t('check.fixLines', { count: invalid.length })}</Typography.Text>}
          {decided > 0 && decided < pending.length && <Typography.Text type="secondary">{t('check.partial', { count: pending.length - decided })}</Typography.Text>}
          <Link to="/price-check">
            <Button>{t('check.backToQueue')}</Button>
          </Link>
          <Button type="primary" loading={submit.isPending} onClick={trySubmit}>
            {t('check.submit')}{' '}
            <Typography.Text keyboard style={{ color: 'inherit' }}>
              Ctrl+Enter
            </Typography.Text>
          </Button>
        </div>
      </Card>
    </Space>
  );
}

function KeyHint() {
  const { t } = useTranslation('price-check');
  const k = (s: string) => <Typography.Text keyboard>{s}</Typography.Text>;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="key-hint">
      {k('↑')}
      {k('↓')}/{k('j')}
      {k('k')} {t('keys.move')} · {k('a')} {t('keys.accept')} · {k('c')} {t('keys.correct')} · {k('b')} {t('keys.sendBack')} · {k('Ctrl+Enter')} {t('keys.submit')}
    </Typography.Text>
  );
}

function OfferCell({ c }: { c: Candidate }) {
  const { t } = useTranslation('price-check');
  return (
    <div>
      <Space size={4} wrap>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t(`grade.${c.grade}`)}
        </Tag>
        <Typography.Text>{c.brand}</Typography.Text>
        <Money fen={c.priceFen} strong />
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.supplier.name}
          {c.etaDays !== null ? ` · ${t('line.eta', { days: c.etaDays })}` : ''}
        </Typography.Text>
      </div>
    </div>
  );
}

function DecisionCell({ line, draft, tried, errors, onChange }: { line: QuoteLine; draft: Draft | undefined; tried: boolean; errors: string[]; onChange: (d: Draft | undefined) => void }) {
  const { t } = useTranslation('price-check');
  const problem = draft ? draftProblem(draft) : null;
  const chosen = line.ranking?.chosen ?? null;
  const options = candidatesOf(line).map((c) => ({
    value: c.offerId,
    label: `${t(`grade.${c.grade}`)} · ${c.brand} · ${yuan(c.priceFen)}${c.offerId === chosen?.offerId ? ` · ${t('decision.chosenMark')}` : ''}${c.allowed ? '' : ` · ${t('decision.excludedMark')}`}`,
  }));
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} onClick={(e) => e.stopPropagation()}>
      <Radio.Group
        size="small"
        optionType="button"
        buttonStyle="solid"
        value={draft?.action}
        onChange={(e) => {
          const a = e.target.value as Draft['action'];
          onChange(a === 'accept' ? { action: 'accept' } : a === 'correct' ? { action: 'correct' } : { action: 'send_back', reason: '' });
        }}
        options={[
          { value: 'accept', label: t('decision.accept'), disabled: !chosen },
          { value: 'correct', label: t('decision.correct') },
          { value: 'send_back', label: t('decision.sendBack') },
        ]}
      />
      {draft?.action === 'correct' && (
        <>
          <Select
            id={`offer-${line.id}`}
            size="small"
            allowClear
            placeholder={t('decision.pickOffer')}
            style={{ width: '100%' }}
            value={draft.offerId}
            options={options}
            popupMatchSelectWidth={false}
            notFoundContent={t('decision.noOffers')}
            onChange={(v: string | undefined) => onChange({ ...draft, offerId: v })}
          />
          <InputNumber
            id={`cap-${line.id}`}
            size="small"
            min={0.01}
            precision={2}
            prefix="¥"
            placeholder={t('decision.cap')}
            style={{ width: '100%' }}
            value={draft.capYuan ?? null}
            onChange={(v) => onChange({ ...draft, capYuan: v })}
          />
        </>
      )}
      {draft?.action === 'send_back' && (
        <Input
          id={`reason-${line.id}`}
          size="small"
          maxLength={500}
          placeholder={t('decision.reason')}
          value={draft.reason}
          status={tried && problem === 'reason' ? 'error' : undefined}
          onChange={(e) => onChange({ ...draft, reason: e.target.value })}
        />
      )}
      {tried && problem && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t(`decision.problem.${problem}`)}
        </Typography.Text>
      )}
      {errors.map((m, i) => (
        <Alert key={i} type="error" showIcon title={m} style={{ padding: '2px 8px', fontSize: 12 }} />
      ))}
    </Space>
  );
}
