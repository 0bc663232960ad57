// Query keys of one organization's data; everything under ['organizations'] is refreshed after a change.
export const organizationKey = (id: string) => ['organizations', 'detail', id] as const;
export const peopleKey = (id: string) => ['organizations', 'people', id] as const;
export const beneficialOwnersKey = (id: string, asOf?: string) => ['organizations', 'beneficial', id, asOf ?? 'today'] as const;
export const documentsKey = (id: string) => ['organizations', 'documents', id] as const;
