import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import type { ApiItem } from '../../api/types.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';

type Entry = ApiItem<'/api/v1/claims/{id}/timeline'>;

const colours: Record<string, string> = { claim: 'blue', assessment: 'green', quote: 'gold', order: 'purple' };

// Said in words: "开始定损（已报案 → 定损中）· 第 1 版". Unknown actions still read as a sentence
// about their object, never as a code.
function useDescribe() {
  const { t } = useTranslation('claims');
  const stateName = (objectType: string, state: string) =>
    objectType === 'claim' ? t(`status.${state}`, { defaultValue: state }) : objectType === 'assessment' ? t(`assessmentStatus.${state}`, { defaultValue: state }) : state;
  return (e: Entry) => {
    const object = t(`timeline.object.${e.objectType}`, { defaultValue: t('timeline.object.other') });
    const action = t(`timeline.${e.objectType}.${e.action}`, { defaultValue: t('timeline.other', { object }) });
    const move = e.fromState && e.toState && e.fromState !== e.toState ? `${stateName(e.objectType, e.fromState)} → ${stateName(e.objectType, e.toState)}` : undefined;
    const details = [
      e.version !== null ? t('timeline.version', { version: e.version }) : undefined,
      e.lineCount !== null ? t('timeline.lines', { count: e.lineCount }) : undefined,
      e.orderNo ? t('timeline.orderNo', { orderNo: e.orderNo }) : undefined,
    ].filter(Boolean);
    const actor = e.actor.type === 'system' ? t('timeline.system') : e.actor.type === 'api_key' ? t('timeline.apiKey') : (e.actor.name ?? t('timeline.unknownActor'));
    return { action, move, details, actor, org: e.actor.orgName };
  };
}

// The claim's history (操作记录), oldest first, from GET /api/v1/claims/{id}/timeline.
// The viewer's own organisation goes without saying; another's (the shop, the platform) is named.
export function ClaimTimeline({ claimId, ownOrgName }: { claimId: string; ownOrgName?: string }) {
  const { t } = useTranslation('claims');
  const describe = useDescribe();
  const pages = useInfiniteQuery({
    queryKey: ['claim-timeline', claimId],
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/claims/{id}/timeline', { params: { path: { id: claimId }, query: { cursor: pageParam, limit: 100 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (pages.isLoading) return <LoadingBlock rows={4} />;
  if (pages.isError) return <LoadError error={pages.error} onRetry={() => void pages.refetch()} />;
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claim.noTimeline')} />;
  return (
    <div data-testid="claim-timeline">
      <Timeline
        items={entries.map((e) => {
          const d = describe(e);
          return {
            key: e.id,
            color: colours[e.objectType] ?? 'gray',
            content: (
              <div>
                <div>
                  <Typography.Text strong>{d.action}</Typography.Text>
                  {d.move && <Typography.Text type="secondary"> {t('timeline.move', { move: d.move })}</Typography.Text>}
                  {d.details.length > 0 && <Typography.Text type="secondary"> · {d.details.join(' · ')}</Typography.Text>}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {chinaDateTime(e.at)} · {d.actor}
                  {d.org && d.org !== ownOrgName ? ` · ${d.org}` : ''}
                </Typography.Text>
              </div>
            ),
          };
        })}
      />
      {pages.hasNextPage && (
        <Button size="small" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('claim.moreTimeline')}
        </Button>
      )}
    </div>
  );
}
