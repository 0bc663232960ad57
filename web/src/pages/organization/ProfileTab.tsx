// The profile: read it, or edit it. The edit sends the version it started from; when someone else
// saved in between, the server answers 409 and the user reloads the current profile first.
import { Alert, Anchor, Badge, Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type Organization } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { countryName } from '../../countries';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  OrganizationFields,
  organizationFieldErrors,
  organizationValidation,
  organizationValuesFrom,
  toProfile,
  type OrganizationFormValues,
} from '../../components/OrganizationFields';
import { formatDate, formatDateTime } from '../../format';
import { organizationKey } from './keys';

interface TabProps {
  organization: Organization;
  canEdit: boolean;
  onNotice: (message: string | null) => void;
}

export function ProfileTab({ organization, canEdit, onNotice }: TabProps) {
  const [editing, setEditing] = useState(false);
  return editing ? (
    <EditProfile
      organization={organization}
      onDone={(message) => {
        setEditing(false);
        onNotice(message);
      }}
    />
  ) : (
    <ViewProfile organization={organization} canEdit={canEdit} onEdit={() => {
      onNotice(null);
      setEditing(true);
    }} />
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function ViewProfile({ organization: org, canEdit, onEdit }: { organization: Organization; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const none = t('common.none');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('profileTab.heading')}
        </Title>
        {canEdit && (
          <Button variant="default" onClick={onEdit}>
            {t('profileTab.edit')}
          </Button>
        )}
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
        <Item label={t('organizationForm.name')}>{org.name}</Item>
        <Item label={t('organizationForm.nameUk')}>
          <span lang="uk">{org.nameUk ?? none}</span>
        </Item>
        <Item label={t('organizationForm.nameOriginal')}>{org.nameOriginal ?? none}</Item>
        <Item label={t('organizationForm.shortName')}>{org.shortName ?? none}</Item>
        <Item label={t('organizationForm.country')}>{countryName(org.country)}</Item>
        <Item label={t('organizationForm.kind')}>{t(`organizationKind.${org.kind}`)}</Item>
        <Item label={t('organizationForm.sizeBand')}>{org.sizeBand ? t(`sizeBand.${org.sizeBand}`) : none}</Item>
        <Item label={t('organizationForm.foundedOn')}>{org.foundedOn ? formatDate(org.foundedOn) : none}</Item>
        <Item label={t('organizationForm.website')}>
          {org.website ? (
            <Anchor href={org.website} target="_blank" rel="noopener noreferrer">
              {org.website}
            </Anchor>
          ) : (
            none
          )}
        </Item>
      </SimpleGrid>
      <Box component="dl" m={0}>
        <Item label={t('organizationForm.capabilities')}>
          {org.capabilities.length === 0 ? (
            none
          ) : (
            <Group gap={4} component="span">
              {capabilityNames(capabilities.data, org.capabilities).map((name) => (
                <Badge key={name} variant="light" color="gray" tt="none" miw="max-content" component="span">
                  {name}
                </Badge>
              ))}
            </Group>
          )}
        </Item>
      </Box>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('organizationForm.addressLegend')}
          </Title>
          {org.addresses.length === 0 && <Text>{none}</Text>}
          {org.addresses.map((a, index) => (
            <Text key={index} mb="xs">
              <Text span fw={600}>
                {t(`addressType.${a.type as 'registered'}`)}:{' '}
              </Text>
              {[a.street, a.city, a.region, a.postalCode, countryName(a.country)].filter(Boolean).join(', ')}
            </Text>
          ))}
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('organizationForm.contactLegend')}
          </Title>
          {org.contacts.length === 0 && <Text>{none}</Text>}
          {org.contacts.map((c, index) => (
            <Text key={index} mb="xs">
              {[c.name, c.role].filter(Boolean).join(', ')}
              {c.email && (
                <>
                  {' · '}
                  <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
                </>
              )}
              {c.phone && ` · ${c.phone}`}
            </Text>
          ))}
        </div>
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('profileTab.meta', { version: org.version, updated: formatDateTime(org.updatedAt) })}
      </Text>
    </Stack>
  );
}

function EditProfile({ organization, onDone }: { organization: Organization; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(organization);
  const form = useForm<OrganizationFormValues>({
    initialValues: organizationValuesFrom(organization),
    validate: organizationValidation(t),
  });

  const save = useMutation({
    mutationFn: (values: OrganizationFormValues) =>
      api.updateOrganization(base.id, { ...toProfile(values, base), version: base.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['organizations', 'list'] });
      onDone(t('profileTab.saved'));
    },
    onError: (error) => form.setErrors(organizationFieldErrors(error, t, form.getValues()).byField),
  });

  const stale = isApiError(save.error, 'conflict');

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: organizationKey(base.id), queryFn: () => api.getOrganization(base.id) });
    setBase(fresh);
    form.setValues(organizationValuesFrom(fresh));
    form.resetDirty();
    save.reset();
  };

  return (
    <form
      noValidate
      aria-label={t('profileTab.editTitle')}
      onSubmit={form.onSubmit((values) => save.mutate(values))}
    >
      <Stack>
        <Title order={2} size="h3">
          {t('profileTab.editTitle')}
        </Title>
        {stale ? (
          <Alert color="orange" variant="light" role="alert" title={t('profileTab.staleTitle')}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('profileTab.staleText')}</Text>
              <Button size="xs" variant="outline" color="orange" onClick={() => void reload()} data-testid="reload-profile">
                {t('profileTab.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          save.error && (
            <ErrorAlert error={save.error} fieldErrors={organizationFieldErrors(save.error, t, form.getValues()).other} />
          )
        )}
        <OrganizationFields form={form} withIdentifiers={false} autoFocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
