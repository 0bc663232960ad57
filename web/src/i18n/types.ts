// The shape every translation must have: the same keys as the Ukrainian source, all strings.
// Plural forms that only some languages use (Ukrainian `_few`/`_many`) are optional.
type LanguageSpecificPlural = `${string}_${'few' | 'many'}`;

export type Messages<T> = {
  [K in keyof T as K extends LanguageSpecificPlural ? never : K]: T[K] extends string ? string : Messages<T[K]>;
} & {
  [K in keyof T as K extends LanguageSpecificPlural ? K : never]?: string;
};
