// Demo mode only (`adi serve --demo`): the demo accounts on the sign-in page, each with a button that
// fills the form, staff with the two-factor code of the moment. The list comes from
// GET /api/v1/demo/accounts, which answers 404 on a platform that is not a demo: then nothing shows.
import { Alert, Button, Code, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DemoAccount } from '../api';

interface DemoAccountsProps {
  accounts: DemoAccount[];
  onUse(account: DemoAccount): void;
}

export function DemoAccounts({ accounts, onUse }: DemoAccountsProps) {
  const { t } = useTranslation();
  const password = accounts[0]?.password ?? '';
  return (
    <Paper withBorder p="lg" radius="md" data-testid="demo-accounts" component="section" aria-labelledby="demo-accounts-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="demo-accounts-title">
          {t('signIn.demo.title')}
        </Title>
        <Alert color="yellow" variant="light">
          {t('signIn.demo.intro')}
        </Alert>
        <Group gap="xs">
          <Text size="sm">{t('signIn.demo.password')}</Text>
          <Code data-testid="demo-password">{password}</Code>
        </Group>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('signIn.demo.role')}</Table.Th>
                <Table.Th>{t('signIn.email')}</Table.Th>
                <Table.Th>{t('signIn.code')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('signIn.demo.use')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.map((account) => (
                <Table.Tr key={account.email}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t(`roles.${account.role}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {account.organizationName ?? account.displayName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-all' }}>
                      {account.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{account.totpCode ? <Code data-testid={`demo-code-${account.email}`}>{account.totpCode}</Code> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => onUse(account)} aria-label={t('signIn.demo.useAccount', { email: account.email })}>
                      {t('signIn.demo.use')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t('signIn.demo.codesNote')}
        </Text>
      </Stack>
    </Paper>
  );
}
