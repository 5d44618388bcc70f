import { CloseOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Image, Input, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isHttpUrl } from './lines.ts';

// Photos of a line by address (the API keeps URLs; uploads are another matter): thumbnails that
// open large, a small form to add one, refused unless it is an http(s) address.
export function PhotoThumbs({ urls, size = 36, onRemove }: { urls: string[]; size?: number; onRemove?: (url: string) => void }) {
  const { t } = useTranslation('assessment');
  if (urls.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap>
        {urls.map((url) => (
          <span key={url} style={{ position: 'relative', display: 'inline-block' }}>
            <Image src={url} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }} fallback={fallbackThumb} />
            {onRemove && (
              <Button
                size="small"
                type="text"
                aria-label={t('photo.remove')}
                icon={<CloseOutlined style={{ fontSize: 10 }} />}
                onClick={() => onRemove(url)}
                style={{ position: 'absolute', top: -8, right: -8, width: 18, height: 18, minWidth: 18, padding: 0, borderRadius: 9, background: '#fff', boxShadow: '0 0 2px rgba(0,0,0,.3)' }}
              />
            )}
          </span>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export function PhotoField({ value = [], onChange, id }: { value?: string[]; onChange?: (urls: string[]) => void; id?: string }) {
  const { t } = useTranslation('assessment');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();

  function add() {
    const url = text.trim();
    if (!isHttpUrl(url)) return setProblem(t('photo.invalid'));
    if (value.includes(url)) return setProblem(t('photo.duplicate'));
    onChange?.([...value, url]);
    setText('');
    setProblem(undefined);
    setOpen(false);
  }

  const form = (
    <div style={{ width: 300 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          autoFocus
          value={text}
          status={problem ? 'error' : undefined}
          placeholder={t('photo.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(undefined);
          }}
          onPressEnter={(e) => {
            e.preventDefault();
            add();
          }}
          aria-label={t('photo.placeholder')}
        />
        <Button type="primary" onClick={add}>
          {t('photo.addButton')}
        </Button>
      </Space.Compact>
      {problem && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {problem}
        </Typography.Text>
      )}
    </div>
  );

  return (
    <Space size={6} wrap id={id}>
      <PhotoThumbs urls={value} onRemove={(url) => onChange?.(value.filter((u) => u !== url))} />
      <Popover trigger="click" open={open} onOpenChange={setOpen} content={form} placement="bottomRight">
        <Button size="small" type="dashed" aria-label={t('photo.add')} icon={value.length ? <PlusOutlined /> : <PictureOutlined />}>
          {value.length ? '' : t('photo.add')}
        </Button>
      </Popover>
    </Space>
  );
}

// A grey picture for an address that does not load (a typo, a private network).
const fallbackThumb =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36"><rect width="36" height="36" fill="#f5f5f5"/><path d="M8 26l7-9 5 6 3-4 5 7z" fill="#d9d9d9"/></svg>');
