import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Input, Radio, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client } from '../../api/client.ts';
import type { ApiAnswer } from '../../api/types.ts';
import { errorText } from '../../components/states.tsx';

export type DecodedVin = ApiAnswer<'/api/v1/vin/{vin}'>;
export type VehicleModel = DecodedVin['vehicleModels'][number];

// What the field knows of the VIN typed so far, for the form's own checks: still typing, being
// decoded, refused by the decoder (with its reason), or decoded with the models it maps to.
export type VinState = { status: 'typing'; length: number } | { status: 'decoding' } | { status: 'invalid'; message: string } | { status: 'decoded'; decoded: DecodedVin };

export const VIN_LENGTH = 17;

// People type VINs in lower case, with spaces from the plate's grouping: the field keeps the one
// form the decoder reads. I, O and Q are kept, so the decoder can say they are not allowed.
export function normaliseVin(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\-·]+/g, '')
    .toUpperCase();
}

// 一汽-大众 速腾 2022款 280TSI: the series is said unless the model's own name already starts with it.
// The country of a VIN's maker in the reader's language, from its ISO code (CN → 中国 / China).
function countryName(code: string | null, language: string): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? null;
  } catch {
    return null;
  }
}

export function modelLabel(m: { brand: string; series: string; model: string }): string {
  return m.model.startsWith(m.series) ? `${m.brand} ${m.model}` : `${m.brand} ${m.series} ${m.model}`;
}

type Props = {
  id?: string;
  value?: string;
  onChange?: (vin: string) => void;
  // The chosen vehicle model: set alone when the VIN maps to one, by the user among several.
  modelId?: string;
  onModelChange?: (id: string | undefined) => void;
  onState?: (state: VinState) => void;
};

// The VIN (车架号) of a claim's vehicle, decoded as it is typed: once it has 17 characters the API
// checks it (check digit, mandatory in China), names the maker and model year, and lists the
// catalog models it maps to — one is taken, several are offered to choose from.
export function VinField({ id, value = '', onChange, modelId, onModelChange, onState }: Props) {
  const { t } = useTranslation('claims');
  const vin = normaliseVin(value);
  const complete = vin.length === VIN_LENGTH;
  const decode = useQuery({
    queryKey: ['vin', vin],
    queryFn: () => call(client.GET('/api/v1/vin/{vin}', { params: { path: { vin } } })),
    enabled: complete,
    retry: (count, error) => !(error instanceof ApiProblem) && count < 2,
    staleTime: 5 * 60_000,
  });

  const refused = decode.error instanceof ApiProblem ? (decode.error.problem.errors?.[0]?.message ?? decode.error.problem.detail) : undefined;
  const state: VinState = !complete
    ? { status: 'typing', length: vin.length }
    : decode.data
      ? { status: 'decoded', decoded: decode.data }
      : decode.isError
        ? { status: 'invalid', message: refused ?? errorText(decode.error, t) }
        : { status: 'decoding' };

  const models = state.status === 'decoded' ? state.decoded.vehicleModels : [];
  const stateKey =
    state.status === 'decoded' ? `decoded:${state.decoded.vin}` : state.status === 'invalid' ? `invalid:${state.message}` : state.status === 'typing' ? `typing:${state.length}` : state.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per decoded state (stateKey), not on every render's new callbacks.
  useEffect(() => {
    onState?.(state);
    // A single model is the vehicle; a choice made for another VIN no longer is.
    if (models.length === 1) {
      if (modelId !== models[0]!.id) onModelChange?.(models[0]!.id);
    } else if (modelId !== undefined && !models.some((m) => m.id === modelId)) {
      onModelChange?.(undefined);
    }
  }, [stateKey]);

  return (
    <div data-testid="vin-field">
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(normaliseVin(e.target.value))}
        placeholder={t('vin.placeholder')}
        maxLength={24}
        autoComplete="off"
        spellCheck={false}
        styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', letterSpacing: 1 } }}
        suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${vin.length}/${VIN_LENGTH}`}</Typography.Text>}
      />
      <div style={{ marginTop: 8 }} data-testid="vin-state" data-state={state.status}>
        {state.status === 'typing' &&
          (state.length > VIN_LENGTH ? (
            <Typography.Text type="danger">{t('vin.tooLong', { n: state.length })}</Typography.Text>
          ) : state.length > 0 ? (
            <Typography.Text type="secondary">{t('vin.typing', { n: state.length })}</Typography.Text>
          ) : null)}
        {state.status === 'decoding' && (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {t('vin.decoding')}
          </Typography.Text>
        )}
        {state.status === 'invalid' && (
          <Typography.Text type="danger">
            <CloseCircleFilled /> {state.message}
          </Typography.Text>
        )}
        {state.status === 'decoded' && <Decoded decoded={state.decoded} modelId={modelId} onModelChange={onModelChange} />}
      </div>
    </div>
  );
}

function Decoded({ decoded, modelId, onModelChange }: { decoded: DecodedVin; modelId?: string; onModelChange?: (id: string | undefined) => void }) {
  const { t, i18n } = useTranslation('claims');
  const english = i18n.language === 'en';
  const models = decoded.vehicleModels;
  const unknown = <Typography.Text type="secondary">{t('vin.unknown')}</Typography.Text>;
  return (
    <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}>
      <Space size={[8, 4]} wrap style={{ marginBottom: 4 }}>
        {decoded.checkDigitValid ? (
          <Tag color="success" icon={<CheckCircleFilled />}>
            {t('vin.checkOk')}
          </Tag>
        ) : (
          <Tag color="warning" icon={<ExclamationCircleFilled />}>
            {t('vin.checkMismatch')}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ fontFamily: 'ui-monospace, monospace' }}>
          {t('vin.wmi', { wmi: decoded.wmi })}
        </Typography.Text>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} colon>
        <Descriptions.Item label={t('vin.maker')}>{(english ? decoded.manufacturerEn : null) ?? decoded.manufacturer ?? unknown}</Descriptions.Item>
        <Descriptions.Item label={t('vin.country')}>{countryName(decoded.country, i18n.language) ?? decoded.countryName ?? unknown}</Descriptions.Item>
        <Descriptions.Item label={t('vin.modelYear')}>{decoded.modelYear ?? unknown}</Descriptions.Item>
      </Descriptions>
      {models.length === 0 && (
        <Typography.Text type="warning">
          <ExclamationCircleFilled /> {t('vin.noModel')}
        </Typography.Text>
      )}
      {models.length === 1 && (
        <div data-testid="vin-model">
          <Typography.Text type="secondary">{t('vin.model')}：</Typography.Text>
          <Typography.Text strong>{modelLabel(models[0]!)}</Typography.Text>
          <Typography.Text type="secondary"> · {models[0]!.engine}</Typography.Text>
        </div>
      )}
      {models.length > 1 && (
        <div data-testid="vin-models">
          <Typography.Text>{t('vin.several', { n: models.length })}</Typography.Text>
          <Radio.Group value={modelId} onChange={(e) => onModelChange?.(e.target.value as string)} style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
            {models.map((m) => (
              <Radio key={m.id} value={m.id}>
                {modelLabel(m)}{' '}
                <Typography.Text type="secondary">
                  · {m.engine} · {m.yearFrom}–{m.yearTo}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </div>
      )}
    </div>
  );
}
