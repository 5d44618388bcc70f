import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';

// What a failed load says: the server's own detail (in the user's language) when it answered,
// "cannot reach the server" when it did not; always with a way to try again.
export function errorText(error: unknown, t: (key: string) => string): string {
  return error instanceof ApiProblem ? error.problem.detail : t('errors.network');
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiProblem && error.status === 404;
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? t('errors.notFound') : t('errors.load')}
      subTitle={errorText(error, t)}
      extra={onRetry && !notFound ? <Button onClick={onRetry}>{t('errors.retry')}</Button> : undefined}
    />
  );
}

export function LoadingBlock({ rows = 6 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} />;
}
