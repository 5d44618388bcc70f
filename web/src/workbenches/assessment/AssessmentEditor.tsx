import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { call, client, idempotencyKey } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';
import { keys, usePartFacts, type Assessment, type Claim, type PartHit } from './api.ts';
import { freeLine, lineFields, onFormFields, partLine, toFormLine, toLineBody, type FormLine, type PartFacts } from './lines.ts';
import { PartSearch } from './PartSearch.tsx';
import { PhotoField } from './PhotoField.tsx';

type Values = { lines: FormLine[] };

const MAX_QTY = 999;

// The adjuster's editor of a draft version: find parts within the vehicle, add them (or free-text
// items for what the catalog lacks and for repair-only work), set quantity, replace/repair, labour
// hours, photos and a remark; save (the API replaces the draft's lines as a whole), then quote.
// The server's errors land on the line field they name (`lines.2.quantity`).
export function AssessmentEditor({ assessment, claim }: { assessment: Assessment; claim: Claim }) {
  const { t } = useTranslation('assessment');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const initial = useMemo<Values>(() => ({ lines: assessment.lines.map(toFormLine) }), [assessment]);
  // `preserve`: the lines' values the form has no field for (a part line's partId) too.
  const watched = Form.useWatch('lines', { form, preserve: true }) as FormLine[] | undefined;
  const lines = watched ?? initial.lines;
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [quoting, setQuoting] = useState(false);
  const [problem, setProblem] = useState<string>();
  // One key per "quote this version" intent: a double click or a retry after a lost answer quotes once.
  const quoteKey = useRef<ReturnType<typeof idempotencyKey>>(undefined);

  // What the editor shows beside a part line: from the search hit it came from, or fetched once
  // for lines saved earlier.
  const [hits, setHits] = useState<Map<string, PartFacts>>(new Map());
  const fetched = usePartFacts(assessment.lines.flatMap((l) => (l.partId ? [l.partId] : [])));
  const facts = new Map<string, PartFacts>([...hits, ...fetched]);

  const addedIds = new Set(lines.flatMap((l) => (l?.partId ? [l.partId] : [])));

  function addPart(part: PartHit) {
    setHits((m) => new Map(m).set(part.id, part));
    const current: FormLine[] = form.getFieldValue('lines') ?? [];
    form.setFieldsValue({ lines: [...current, partLine(part)] });
    setDirty(true);
    message.success(t('search.added', { name: part.nameZh }));
  }

  function addFree() {
    const current: FormLine[] = form.getFieldValue('lines') ?? [];
    form.setFieldsValue({ lines: [...current, freeLine()] });
    setDirty(true);
  }

  async function save(): Promise<boolean> {
    setProblem(undefined);
    try {
      await form.validateFields();
    } catch {
      return false;
    }
    const values: FormLine[] = form.getFieldValue('lines') ?? [];
    if (values.length === 0) {
      setProblem(t('lines.needOne'));
      return false;
    }
    setSaving(true);
    try {
      const saved = await call(client.PUT('/api/v1/assessments/{id}', { params: { path: { id: assessment.id } }, body: { lines: values.map(toLineBody) } }));
      queryClient.setQueryData(keys.assessment(assessment.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.claim(claim.id) });
      form.setFieldsValue({ lines: saved.lines.map(toFormLine) });
      setDirty(false);
      message.success(t('lines.saved'));
      return true;
    } catch (e) {
      const rest = showProblemOnForm(form, onFormFields(e, values), (name) => name[0] === 'lines' && typeof name[1] === 'number' && name[1] < values.length && lineFields.includes(String(name[2])));
      // The fields say what is wrong; the alert says that saving failed and, for what no field
      // shows, why.
      setProblem(t('lines.saveFailed', { reason: rest ?? errorText(e, tc) }));
      return false;
    } finally {
      setSaving(false);
    }
  }

  async function quote() {
    if (dirty || assessment.lines.length === 0) {
      if (!(await save())) return;
    }
    setQuoting(true);
    setProblem(undefined);
    quoteKey.current ??= idempotencyKey();
    try {
      const quoted = await call(client.POST('/api/v1/assessments/{id}/quote', { params: { path: { id: assessment.id } }, headers: quoteKey.current }));
      quoteKey.current = undefined;
      queryClient.setQueryData(keys.quote(assessment.id), quoted);
      void queryClient.invalidateQueries({ queryKey: keys.assessment(assessment.id) });
      void queryClient.invalidateQueries({ queryKey: keys.claim(claim.id) });
      message.success(t('lines.quoted'));
      navigate(`/assessments/${assessment.id}/quote`);
    } catch (e) {
      setProblem(t('lines.quoteFailed', { reason: errorText(e, tc) }));
    } finally {
      setQuoting(false);
    }
  }

  const oeTotal = lines.reduce((sum, l) => {
    const f = l?.partId ? facts.get(l.partId) : undefined;
    return f && l.operation === 'replace' ? sum + f.oePriceFen * (l.quantity ?? 0) : sum;
  }, 0);
  const hoursTotal = Math.round(lines.reduce((sum, l) => sum + (Number(l?.labourHours) || 0), 0) * 10) / 10;
  const partsCount = lines.filter((l) => l?.partId && l.operation === 'replace').length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('search.title')} extra={<Typography.Text type="secondary">{t('search.scopeHint')}</Typography.Text>}>
        <PartSearch claim={claim} onAdd={addPart} addedIds={addedIds} />
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('lines.title')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('lines.count', { count: lines.length })}
            </Typography.Text>
            {dirty && <Badge status="warning" text={<Typography.Text type="warning">{t('lines.unsaved')}</Typography.Text>} />}
          </Space>
        }
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={addFree}>
            {t('lines.addFree')}
          </Button>
        }
      >
        <Form
          form={form}
          initialValues={initial}
          onValuesChange={() => {
            setDirty(true);
            setProblem(undefined);
          }}
          component={false}
        >
          <Form.List name="lines">
            {(fields, { remove }) => (
              <Table
                size="small"
                rowKey="key"
                dataSource={fields}
                pagination={false}
                scroll={{ x: 990 }}
                data-testid="assessment-lines"
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lines.empty')} /> }}
                columns={[
                  { key: 'no', title: t('lines.no'), width: 52, render: (_, f) => f.name + 1 },
                  {
                    key: 'item',
                    title: t('lines.item'),
                    width: 250,
                    render: (_, f) => {
                      const line: FormLine = form.getFieldValue(['lines', f.name]) ?? {};
                      const part = line.partId ? facts.get(line.partId) : undefined;
                      if (line.partId) {
                        return (
                          <Form.Item name={[f.name, 'name']} style={{ margin: 0 }}>
                            <PartCell oeNo={part?.oeNo} category={part ? t(`category.${part.category}`) : undefined} oePriceFen={part?.oePriceFen} />
                          </Form.Item>
                        );
                      }
                      return (
                        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                          <Form.Item name={[f.name, 'name']} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: t('lines.nameRequired') }]}>
                            <Input size="small" placeholder={t('lines.namePlaceholder')} aria-label={t('lines.name')} maxLength={200} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'oeNo']} style={{ margin: 0 }}>
                            <Input size="small" placeholder={t('lines.oePlaceholder')} aria-label={t('search.oeNo')} maxLength={60} prefix={<Tag style={{ margin: 0 }}>{t('lines.freeText')}</Tag>} />
                          </Form.Item>
                        </Space>
                      );
                    },
                  },
                  {
                    key: 'quantity',
                    title: t('lines.quantity'),
                    width: 96,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'quantity']} style={{ margin: 0 }} rules={[{ required: true, message: t('lines.quantity') }]}>
                        <InputNumber size="small" min={1} max={MAX_QTY} precision={0} style={{ width: 76 }} aria-label={t('lines.quantity')} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'operation',
                    title: t('lines.operation'),
                    width: 104,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'operation']} style={{ margin: 0 }}>
                        <Radio.Group
                          size="small"
                          optionType="button"
                          buttonStyle="solid"
                          aria-label={t('lines.operation')}
                          options={[
                            { value: 'replace', label: t('operation.replace') },
                            { value: 'repair', label: t('operation.repair') },
                          ]}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'hours',
                    title: t('lines.labourHours'),
                    width: 116,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'labourHours']} style={{ margin: 0 }} rules={[{ required: true, message: t('lines.labourHours') }]}>
                        <InputNumber size="small" min={0} max={999.9} step={0.5} precision={1} style={{ width: 96 }} suffix={t('lines.hoursUnit')} aria-label={t('lines.labourHours')} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'photos',
                    title: t('lines.photos'),
                    width: 170,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'photoUrls']} style={{ margin: 0 }}>
                        <PhotoField />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'remark',
                    title: t('lines.remark'),
                    width: 150,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'remark']} style={{ margin: 0 }}>
                        <Input size="small" placeholder={t('lines.remarkPlaceholder')} aria-label={t('lines.remark')} maxLength={100} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'remove',
                    title: '',
                    width: 48,
                    fixed: 'right',
                    render: (_, f) => (
                      <Popconfirm
                        title={t('lines.removeConfirm')}
                        onConfirm={() => {
                          remove(f.name);
                          setDirty(true);
                          setProblem(undefined);
                        }}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('lines.remove')} />
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            )}
          </Form.List>
        </Form>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="editor-problem" />}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center', justifyContent: 'space-between', marginTop: 12 }}>
          <Space size={24} wrap>
            <span>
              <Typography.Text type="secondary">
                {t('lines.partsCount')}
                {t('colon')}
              </Typography.Text>
              {partsCount}
            </span>
            <span>
              <Typography.Text type="secondary">
                {t('lines.hoursTotal')}
                {t('colon')}
              </Typography.Text>
              {hoursTotal} {t('lines.hoursUnit')}
            </span>
            <span>
              <Typography.Text type="secondary">
                {t('lines.oeTotal')}
                {t('colon')}
              </Typography.Text>
              <Money fen={oeTotal} strong />
            </span>
          </Space>
          <Space>
            <Button icon={<SaveOutlined />} loading={saving} disabled={quoting} onClick={() => void save()}>
              {t('lines.save')}
            </Button>
            <Popconfirm title={t('lines.quoteConfirm')} onConfirm={() => void quote()} disabled={lines.length === 0}>
              <Button type="primary" icon={<SendOutlined />} loading={quoting} disabled={saving || lines.length === 0}>
                {t('lines.quote')}
              </Button>
            </Popconfirm>
          </Space>
        </div>
      </Card>
    </Space>
  );
}

// A part line's part: its name (the form value), OE number, category and OE reference price.
function PartCell({ value, oeNo, category, oePriceFen }: { value?: string; oeNo?: string; category?: string; oePriceFen?: number }) {
  return (
    <div style={{ lineHeight: 1.4 }}>
      <Typography.Text strong>{value}</Typography.Text>
      <div>
        {oeNo && (
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {oeNo}
          </Typography.Text>
        )}
        {category && (
          <Tag style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }} variant="filled">
            {category}
          </Tag>
        )}
        {oePriceFen !== undefined && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Money fen={oePriceFen} type="secondary" />
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
