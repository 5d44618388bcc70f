import { DeleteOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Empty, Form, Input, InputNumber, Radio, Row, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { errorText, LoadError } from '../../components/states.tsx';
import { keys, type PartHit, type PartOffer } from './api.ts';
import { useCart, type CartItem } from './cart.ts';
import { GradeTag } from './labels.tsx';
import { useShopRights } from './roles.ts';

// /purchases — 自费采购: the shop buys for itself, without a claim. Search the catalog (OE number,
// Chinese name, pinyin or initials, optionally within a VIN's fitment), pick an offer that serves
// the shop's region, collect a cart, and order it (POST /api/v1/orders { lines }): the shop pays.
export default function PurchasesPage() {
  const { t } = useTranslation('shop');
  const cart = useCart();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('buy.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('buy.hint')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Search onAdd={cart.add} />
        </Col>
        <Col xs={24} xl={9}>
          <Cart cart={cart} />
        </Col>
      </Row>
    </Space>
  );
}

function Search({ onAdd }: { onAdd: (item: CartItem) => void }) {
  const { t, i18n } = useTranslation('shop');
  const [q, setQ] = useState('');
  const [vin, setVin] = useState('');
  const [open, setOpen] = useState<string[]>([]);
  const enabled = q.length > 0 || vin.length === 17;
  const parts = useQuery({
    queryKey: ['parts', { q, vin }],
    queryFn: () => call(client.GET('/api/v1/parts', { params: { query: { limit: 20, ...(q ? { q } : {}), ...(vin.length === 17 ? { vin } : {}) } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
  return (
    <Card size="small" title={t('buy.search')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('buy.searchPlaceholder')} style={{ width: 280 }} onSearch={(v) => setQ(v.trim())} enterButton aria-label={t('buy.searchPlaceholder')} />
        <Input
          allowClear
          placeholder={t('buy.vinPlaceholder')}
          maxLength={17}
          style={{ width: 220, fontFamily: 'monospace' }}
          onChange={(e) => setVin(e.target.value.trim().toUpperCase())}
          aria-label={t('buy.vinPlaceholder')}
        />
      </Space>
      {parts.isError ? (
        <LoadError error={parts.error} onRetry={() => void parts.refetch()} />
      ) : (
        <Table<PartHit>
          size="small"
          rowKey="id"
          loading={parts.isFetching}
          dataSource={enabled ? (parts.data?.items ?? []) : []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={enabled ? t('buy.noParts') : t('buy.typeToSearch')} /> }}
          expandable={{
            expandedRowKeys: open,
            onExpandedRowsChange: (k) => setOpen(k.map(String)),
            expandRowByClick: true,
            expandedRowRender: (p) => <Offers part={p} onAdd={onAdd} />,
          }}
          columns={[
            { key: 'name', title: t('col.part'), render: (_, p) => <Typography.Text strong>{i18n.language === 'en' ? p.nameEn : p.nameZh}</Typography.Text> },
            { key: 'oe', title: t('col.oeNo'), render: (_, p) => <span style={{ fontFamily: 'monospace' }}>{p.oeNo}</span> },
            { key: 'oePrice', title: t('buy.oePrice'), align: 'right', render: (_, p) => <Money fen={p.oePriceFen} type="secondary" /> },
            {
              key: 'more',
              title: '',
              render: (_, p) => (
                <Button size="small" type="link">
                  {open.includes(p.id) ? t('buy.hideOffers') : t('buy.showOffers')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function Offers({ part, onAdd }: { part: PartHit; onAdd: (item: CartItem) => void }) {
  const { t, i18n } = useTranslation('shop');
  const { message } = App.useApp();
  const rights = useShopRights();
  const regionCode = rights.me?.org.regionCode;
  const [qty, setQty] = useState<Record<string, number>>({});
  const offers = useQuery({
    queryKey: ['part-offers', part.id, regionCode],
    queryFn: () => call(client.GET('/api/v1/parts/{id}/offers', { params: { path: { id: part.id }, query: regionCode ? { regionCode } : {} } })),
    enabled: !!rights.me,
  });
  if (offers.isError) return <Typography.Text type="danger">{errorText(offers.error, t)}</Typography.Text>;
  return (
    <Table<PartOffer>
      size="small"
      rowKey="offerId"
      loading={offers.isPending}
      dataSource={offers.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('buy.noOffers')} /> }}
      columns={[
        { key: 'grade', title: t('col.grade'), render: (_, o) => <GradeTag grade={o.product.grade} /> },
        {
          key: 'product',
          title: t('buy.product'),
          render: (_, o) => (
            <div>
              <div>{o.product.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {o.supplier.name}
                {o.product.warrantyMonths > 0 && ` · ${t('buy.warranty', { n: o.product.warrantyMonths })}`}
              </Typography.Text>
            </div>
          ),
        },
        {
          key: 'price',
          title: t('col.unitPrice'),
          align: 'right',
          render: (_, o) => (
            <div>
              <Money fen={o.priceFen} strong />
              {o.savingFen > 0 && (
                <div>
                  <Typography.Text type="success" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {t('buy.saving')} <Money fen={o.savingFen} type="success" />
                  </Typography.Text>
                </div>
              )}
            </div>
          ),
        },
        { key: 'lead', title: t('buy.leadTime'), render: (_, o) => t('place.days', { n: o.leadTimeDays }) },
        {
          key: 'add',
          title: t('col.actions'),
          fixed: 'right',
          render: (_, o) => (
            <Space.Compact>
              <InputNumber
                size="small"
                min={o.minQty}
                max={999}
                value={qty[o.offerId] ?? o.minQty}
                onChange={(v) => setQty({ ...qty, [o.offerId]: v ?? o.minQty })}
                style={{ width: 64 }}
                aria-label={t('col.qty')}
              />
              <Button
                size="small"
                type="primary"
                icon={<ShoppingCartOutlined />}
                onClick={() => {
                  onAdd({
                    productId: o.product.id,
                    offerId: o.offerId,
                    partName: i18n.language === 'en' ? part.nameEn : part.nameZh,
                    oeNo: part.oeNo,
                    productName: o.product.name,
                    brand: o.product.brand,
                    grade: o.product.grade,
                    supplierName: o.supplier.name,
                    unitFen: o.priceFen,
                    vatFen: o.vatFen,
                    minQty: o.minQty,
                    leadTimeDays: o.leadTimeDays,
                    qty: qty[o.offerId] ?? o.minQty,
                  });
                  message.success(t('buy.added', { name: o.product.name }));
                }}
              >
                {t('buy.add')}
              </Button>
            </Space.Compact>
          ),
        },
      ]}
    />
  );
}

function Cart({ cart }: { cart: ReturnType<typeof useCart> }) {
  const { t } = useTranslation('shop');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [backorders, setBackorders] = useState<'wait' | 'in_stock_only'>('wait');
  const [problem, setProblem] = useState<string>();
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const key = useRef(idempotencyKey());
  const place = useMutation({
    mutationFn: () =>
      call(
        client.POST('/api/v1/orders', {
          body: { lines: cart.items.map((i) => ({ productId: i.productId, qty: i.qty })), backorders, ...(note.trim() ? { note: note.trim() } : {}) },
          headers: key.current,
        }),
      ),
    onSuccess: (order) => {
      key.current = idempotencyKey();
      cart.clear();
      setNote('');
      void queryClient.invalidateQueries({ queryKey: keys.orders });
      message.success(t('place.done', { orderNo: order.orderNo }));
      void navigate(`/orders/${order.id}`);
    },
    onError: (e) => {
      // A changed cart is another order: the next try gets its own key.
      key.current = idempotencyKey();
      if (!(e instanceof ApiProblem)) {
        setProblem(errorText(e, t));
        return;
      }
      const byLine: Record<string, string> = {};
      for (const x of e.problem.errors ?? []) {
        const m = /^lines\.(\d+)/.exec(x.path);
        const item = m ? cart.items[Number(m[1])] : undefined;
        if (item) byLine[item.productId] = x.message;
      }
      setLineErrors(byLine);
      setProblem(e.problem.detail);
    },
  });
  return (
    <Card
      size="small"
      data-testid="cart"
      title={
        <Space>
          <Badge count={cart.items.length} size="small" offset={[4, 0]}>
            <ShoppingCartOutlined style={{ fontSize: 16 }} />
          </Badge>
          <span>{t('buy.cart')}</span>
        </Space>
      }
      extra={
        cart.items.length > 0 && (
          <Button size="small" type="link" danger onClick={() => cart.clear()}>
            {t('buy.clear')}
          </Button>
        )
      }
    >
      {cart.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('buy.cartEmpty')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {cart.items.map((i) => (
            <div key={i.productId} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{i.partName}</Typography.Text>
                  <GradeTag grade={i.grade} />
                </Space>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.productName} · {i.supplierName}
                  </Typography.Text>
                </div>
                <div>
                  <Money fen={i.unitFen} /> × {i.qty} = <Money fen={i.unitFen * i.qty} strong />
                </div>
                {lineErrors[i.productId] && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {lineErrors[i.productId]}
                  </Typography.Text>
                )}
              </div>
              <InputNumber size="small" min={i.minQty} max={999} value={i.qty} onChange={(v) => v && cart.setQty(i.productId, v)} style={{ width: 64 }} aria-label={t('col.qty')} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => cart.remove(i.productId)} aria-label={t('buy.remove')} />
            </div>
          ))}
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography.Text>{t('buy.totalUnits', { n: cart.totals.units })}</Typography.Text>
            <span>
              {t('place.total')} <Money fen={cart.totals.amountFen} strong />
            </span>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('place.vat')}
            <Money fen={cart.totals.vatFen} type="secondary" /> · {t('buy.priceNote')}
          </Typography.Text>
          <Form layout="vertical">
            <Form.Item label={t('buy.backorders')} style={{ marginBottom: 8 }}>
              <Radio.Group value={backorders} onChange={(e) => setBackorders(e.target.value as typeof backorders)}>
                <Radio value="wait">{t('buy.wait')}</Radio>
                <Radio value="in_stock_only">{t('buy.inStockOnly')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('place.note')} style={{ marginBottom: 8 }}>
              <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
          </Form>
          {problem && <Alert type="error" showIcon title={problem} />}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('buy.payNote')}
          </Typography.Text>
          <Button
            type="primary"
            block
            loading={place.isPending}
            onClick={() => {
              setProblem(undefined);
              setLineErrors({});
              place.mutate();
            }}
          >
            {t('buy.order')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
