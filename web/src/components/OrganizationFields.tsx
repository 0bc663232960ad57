// The organization profile as form fields, shared by registration, the profile tab and the
// "new organization" owner: names, facts, identifiers, capabilities, one address and one contact.
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  ADDRESS_TYPES,
  ApiError,
  ORGANIZATION_KINDS,
  SIZE_BANDS,
  type AddressType,
  type NewOrganization,
  type Organization,
  type OrganizationKind,
  type OrganizationProfile,
  type SizeBand,
} from '../api';
import { splitFieldErrors } from '../errors';
import { CapabilitiesSelect } from './CapabilitiesSelect';
import { CountrySelect } from './CountrySelect';

export interface OrganizationFormValues {
  name: string;
  nameUk: string;
  nameOriginal: string;
  shortName: string;
  country: string | null;
  kind: OrganizationKind | '';
  sizeBand: SizeBand | '';
  website: string;
  foundedOn: string;
  capabilities: string[];
  identifiers: string[];
  address: { type: AddressType; street: string; city: string; region: string; postalCode: string; country: string | null };
  contact: { name: string; role: string; email: string; phone: string };
}

export function emptyOrganizationValues(defaults: { country?: string } = {}): OrganizationFormValues {
  return {
    name: '',
    nameUk: '',
    nameOriginal: '',
    shortName: '',
    country: defaults.country ?? null,
    kind: '',
    sizeBand: '',
    website: '',
    foundedOn: '',
    capabilities: [],
    identifiers: [''],
    address: { type: 'registered', street: '', city: '', region: '', postalCode: '', country: null },
    contact: { name: '', role: '', email: '', phone: '' },
  };
}

/** The form's values for an organization's current profile (the first address and contact are edited). */
export function organizationValuesFrom(org: Organization): OrganizationFormValues {
  const address = org.addresses[0];
  const contact = org.contacts[0];
  return {
    name: org.name,
    nameUk: org.nameUk ?? '',
    nameOriginal: org.nameOriginal ?? '',
    shortName: org.shortName ?? '',
    country: org.country,
    kind: org.kind,
    sizeBand: org.sizeBand ?? '',
    website: org.website ?? '',
    foundedOn: org.foundedOn ?? '',
    capabilities: org.capabilities,
    identifiers: [],
    address: {
      type: address?.type ?? 'registered',
      street: address?.street ?? '',
      city: address?.city ?? '',
      region: address?.region ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.country ?? org.country,
    },
    contact: {
      name: contact?.name ?? '',
      role: contact?.role ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
    },
  };
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);
const nullable = (value: string) => (value.trim() ? value.trim() : null);

function addressTouched(values: OrganizationFormValues): boolean {
  const a = values.address;
  return Boolean(a.street.trim() || a.city.trim() || a.region.trim() || a.postalCode.trim());
}

function contactTouched(values: OrganizationFormValues): boolean {
  const c = values.contact;
  return Boolean(c.name.trim() || c.role.trim() || c.email.trim() || c.phone.trim());
}

/** The profile to send. `keep` holds the addresses and contacts beyond the first, which this form does not show. */
export function toProfile(values: OrganizationFormValues, keep?: Pick<Organization, 'addresses' | 'contacts'>): OrganizationProfile {
  const a = values.address;
  const c = values.contact;
  const address = addressTouched(values)
    ? [{ type: a.type, street: a.street.trim(), city: a.city.trim(), region: optional(a.region), postalCode: optional(a.postalCode), country: a.country ?? values.country ?? '' }]
    : [];
  const contact = contactTouched(values)
    ? [{ name: c.name.trim(), role: optional(c.role), email: optional(c.email), phone: optional(c.phone) }]
    : [];
  return {
    name: values.name.trim(),
    nameUk: values.nameUk.trim(),
    nameOriginal: nullable(values.nameOriginal),
    shortName: nullable(values.shortName),
    country: values.country ?? '',
    kind: values.kind as OrganizationKind,
    sizeBand: values.sizeBand === '' ? null : values.sizeBand,
    website: nullable(values.website),
    foundedOn: nullable(values.foundedOn),
    addresses: [...address, ...(keep?.addresses.slice(1) ?? [])],
    contacts: [...contact, ...(keep?.contacts.slice(1) ?? [])],
    capabilities: values.capabilities,
  };
}

export function toNewOrganization(values: OrganizationFormValues): NewOrganization {
  return { ...toProfile(values), identifiers: values.identifiers.map((i) => i.trim()).filter(Boolean) };
}

/** Client-side checks (the server checks everything again and its messages are shown too). */
export function organizationValidation(t: TFunction) {
  const required = (value: string | null) => (value && value.trim() ? null : t('validation.required'));
  return {
    name: required,
    nameUk: required,
    country: required,
    kind: required,
    website: (value: string) => (!value.trim() || /^https?:\/\/\S+$/i.test(value.trim()) ? null : t('validation.website')),
    address: {
      street: (value: string, values: OrganizationFormValues) => (addressTouched(values) ? required(value) : null),
      city: (value: string, values: OrganizationFormValues) => (addressTouched(values) ? required(value) : null),
      // An empty address country means the country of registration.
      country: (value: string | null, values: OrganizationFormValues) =>
        addressTouched(values) && !values.country ? required(value) : null,
    },
    contact: {
      name: (value: string, values: OrganizationFormValues) => (contactTouched(values) ? required(value) : null),
      email: (value: string) => (!value.trim() || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
    },
  };
}

const FIELDS = [
  'name',
  'nameUk',
  'nameOriginal',
  'shortName',
  'country',
  'kind',
  'sizeBand',
  'website',
  'foundedOn',
  'capabilities',
  'identifiers',
  'address.type',
  'address.street',
  'address.city',
  'address.region',
  'address.postalCode',
  'address.country',
  'contact.name',
  'contact.role',
  'contact.email',
  'contact.phone',
] as const;

const RENAME: Record<string, string> = Object.fromEntries(
  FIELDS.filter((f) => f.startsWith('address.') || f.startsWith('contact.')).map((f) => {
    const [group, name] = f.split('.');
    return [`${group === 'address' ? 'addresses' : 'contacts'}.0.${name}`, f];
  }),
);

/**
 * The server's field errors for this form (problem+json paths such as `body.addresses.0.city` or,
 * for a new organization owner, `body.owner.organization.identifiers.1`), keyed by form path; a
 * duplicate identifier (409 naming the organization that holds it) lands on its own entry.
 */
export function organizationFieldErrors(error: unknown, t: TFunction, values: OrganizationFormValues, prefix?: string) {
  const split = splitFieldErrors(error, FIELDS, { prefix, rename: RENAME, lists: ['identifiers'] });
  const existing = error instanceof ApiError ? (error.extra.existing as { identifier?: string; organizationName?: string } | undefined) : undefined;
  if (existing?.identifier) {
    const compact = (text: string) => text.replace(/[\s.]/g, '').toUpperCase();
    const index = values.identifiers.findIndex((i) => compact(i) === compact(existing.identifier ?? ''));
    const message = t('organizationForm.identifierTaken', { identifier: existing.identifier, name: existing.organizationName ?? '' });
    split.byField[index >= 0 ? `identifiers.${index}` : 'identifiers'] = message;
  }
  return split;
}

interface OrganizationFieldsProps {
  form: UseFormReturnType<OrganizationFormValues>;
  /** Registration takes identifiers with the profile; afterwards they have their own tab. */
  withIdentifiers: boolean;
  /** Focus the first field when the form opens (in a dialog). */
  autoFocus?: boolean;
}

export function OrganizationFields({ form, withIdentifiers, autoFocus }: OrganizationFieldsProps) {
  const { t } = useTranslation();
  const kindOptions = [
    { value: '', label: t('organizationForm.choose'), disabled: true },
    ...ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKind.${kind}`) })),
  ];
  const sizeOptions = [
    { value: '', label: t('organizationForm.sizeUnknown') },
    ...SIZE_BANDS.map((band) => ({ value: band, label: t(`sizeBand.${band}`) })),
  ];
  const identifiers = form.getValues().identifiers;
  return (
    <Stack gap="lg">
      <Fieldset legend={t('organizationForm.namesLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('organizationForm.name')}
            description={t('organizationForm.nameHelp')}
            required
            maxLength={300}
            autoComplete="organization"
            data-autofocus={autoFocus || undefined}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('organizationForm.nameUk')}
            description={t('organizationForm.nameUkHelp')}
            required
            maxLength={300}
            lang="uk"
            {...form.getInputProps('nameUk')}
          />
          <TextInput
            label={t('organizationForm.nameOriginal')}
            description={t('organizationForm.nameOriginalHelp')}
            maxLength={300}
            {...form.getInputProps('nameOriginal')}
          />
          <TextInput label={t('organizationForm.shortName')} maxLength={100} {...form.getInputProps('shortName')} />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('organizationForm.aboutLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CountrySelect label={t('organizationForm.country')} required {...form.getInputProps('country')} />
          <NativeSelect
            label={t('organizationForm.kind')}
            required
            data={kindOptions}
            {...form.getInputProps('kind')}
          />
          <NativeSelect label={t('organizationForm.sizeBand')} data={sizeOptions} {...form.getInputProps('sizeBand')} />
          <TextInput
            label={t('organizationForm.foundedOn')}
            type="date"
            min="1800-01-01"
            max="2100-12-31"
            {...form.getInputProps('foundedOn')}
          />
          <TextInput
            label={t('organizationForm.website')}
            description={t('organizationForm.websiteHelp')}
            type="url"
            autoComplete="url"
            maxLength={300}
            {...form.getInputProps('website')}
          />
          <CapabilitiesSelect
            label={t('organizationForm.capabilities')}
            description={t('organizationForm.capabilitiesHelp')}
            {...form.getInputProps('capabilities')}
          />
        </SimpleGrid>
      </Fieldset>

      {withIdentifiers && (
        <Fieldset legend={t('organizationForm.identifiersLegend')}>
          <Stack gap="sm">
            <Text size="sm" id="identifiers-help">
              {t('organizationForm.identifiersHelp')}
            </Text>
            {form.errors.identifiers && (
              <Text size="sm" c="red.8" role="alert">
                {form.errors.identifiers}
              </Text>
            )}
            {identifiers.map((_, index) => (
              <Group key={form.key(`identifiers.${index}`)} align="flex-start" wrap="nowrap">
                <TextInput
                  label={t('organizationForm.identifier', { n: index + 1 })}
                  placeholder="UA-EDR-14360570"
                  aria-describedby="identifiers-help"
                  maxLength={130}
                  style={{ flex: 1 }}
                  data-testid={`identifier-${index}`}
                  {...form.getInputProps(`identifiers.${index}`)}
                />
                <Button
                  variant="default"
                  mt={25}
                  aria-label={t('organizationForm.removeIdentifier', { n: index + 1 })}
                  onClick={() => form.removeListItem('identifiers', index)}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                disabled={identifiers.length >= 20}
                onClick={() => form.insertListItem('identifiers', '')}
              >
                {t('organizationForm.addIdentifier')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      )}

      <Fieldset legend={t('organizationForm.addressLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('organizationForm.addressType')}
            data={ADDRESS_TYPES.map((type) => ({ value: type, label: t(`addressType.${type}`) }))}
            {...form.getInputProps('address.type')}
          />
          <TextInput
            label={t('organizationForm.street')}
            autoComplete="street-address"
            maxLength={300}
            {...form.getInputProps('address.street')}
          />
          <TextInput label={t('organizationForm.city')} autoComplete="address-level2" maxLength={120} {...form.getInputProps('address.city')} />
          <TextInput label={t('organizationForm.region')} autoComplete="address-level1" maxLength={120} {...form.getInputProps('address.region')} />
          <TextInput
            label={t('organizationForm.postalCode')}
            autoComplete="postal-code"
            maxLength={20}
            {...form.getInputProps('address.postalCode')}
          />
          <CountrySelect
            label={t('organizationForm.addressCountry')}
            placeholder={t('organizationForm.sameCountry')}
            clearable
            {...form.getInputProps('address.country')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('organizationForm.contactLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('organizationForm.contactName')} autoComplete="name" maxLength={200} {...form.getInputProps('contact.name')} />
          <TextInput label={t('organizationForm.contactRole')} autoComplete="organization-title" maxLength={120} {...form.getInputProps('contact.role')} />
          <TextInput
            label={t('organizationForm.contactEmail')}
            type="email"
            autoComplete="email"
            maxLength={254}
            {...form.getInputProps('contact.email')}
          />
          <TextInput
            label={t('organizationForm.contactPhone')}
            description={t('organizationForm.contactPhoneHelp')}
            type="tel"
            autoComplete="tel"
            maxLength={40}
            {...form.getInputProps('contact.phone')}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
