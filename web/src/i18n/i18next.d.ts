// Type-checks translation keys passed to t() against the Ukrainian source messages.
import 'i18next';
import type { uk } from './uk';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof uk };
  }
}
