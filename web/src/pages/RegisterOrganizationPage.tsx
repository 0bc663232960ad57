// Registering an organization with its whole profile. A company user registers their own company
// (once; its identifiers then await an officer) and is linked to it; staff register any organization.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import {
  OrganizationFields,
  emptyOrganizationValues,
  organizationFieldErrors,
  organizationValidation,
  toNewOrganization,
  type OrganizationFormValues,
} from '../components/OrganizationFields';
import { PageHeading } from '../components/PageHeading';
import { ME_KEY, hasAnyRole, isCompanyUser, useMe } from '../session';

export function RegisterOrganizationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const company = me ? isCompanyUser(me.user) : false;

  const form = useForm<OrganizationFormValues>({
    initialValues: emptyOrganizationValues(),
    validate: organizationValidation(t),
  });

  const create = useMutation({
    mutationFn: (values: OrganizationFormValues) => api.createOrganization(toNewOrganization(values)),
    onSuccess: async (organization) => {
      // A company user is now linked to the organization: refresh who we are before moving on.
      if (company) await queryClient.invalidateQueries({ queryKey: ME_KEY });
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      navigate(`/app/organizations/${organization.id}`, {
        state: { notice: t('organizationPage.registered', { name: organization.name }) },
      });
    },
    onError: (error) => form.setErrors(organizationFieldErrors(error, t, form.getValues()).byField),
  });

  if (!me) return null;
  if (!hasAnyRole(me.user, ['admin', 'officer', 'company'])) return <Navigate to="/app/organizations" replace />;
  // A company already linked to its organization adds holding companies as owners instead.
  if (company && me.user.organizationId && create.isIdle) {
    return <Navigate to={`/app/organizations/${me.user.organizationId}`} replace />;
  }

  const title = company ? t('registerOrganization.titleCompany') : t('registerOrganization.title');
  const otherErrors = create.error ? organizationFieldErrors(create.error, t, form.getValues()).other : [];

  return (
    <Stack maw={960}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text>{company ? t('registerOrganization.introCompany') : t('registerOrganization.intro')}</Text>
      <form
        noValidate
        aria-label={title}
        onSubmit={form.onSubmit((values) => create.mutate(values), () => {
          // Take keyboard and screen-reader users to the first field that needs attention.
          window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
        })}
      >
        <Stack>
          {create.error && <ErrorAlert error={create.error} fieldErrors={otherErrors} />}
          <OrganizationFields form={form} withIdentifiers />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={company ? '/app' : '/app/organizations'}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('registerOrganization.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
