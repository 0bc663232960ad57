// Unknown paths (the server serves index.html for them, so the app has to say "not found").
import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <PageHeading documentTitle={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <Text>{t('notFound.text')}</Text>
      <Button component={Link} to="/" variant="outline">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
