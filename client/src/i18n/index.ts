/**
 * All dictionaries, merged. Every file in this folder but this one exports one page's
 * dictionary (any export name) as { en, zh }; keys are namespaced by page
 * ("overview.title") so pages never collide. New files are picked up without registration.
 */
type Dictionary = Record<string, string>;
export interface PageDictionary {
  readonly en: Dictionary;
  readonly zh: Dictionary;
}

const modules = import.meta.glob<Record<string, PageDictionary>>(['./*.ts', '!./index.ts'], {
  eager: true,
});
const pages = Object.values(modules).flatMap((module) => Object.values(module));

export const dictionaries: { en: Dictionary; zh: Dictionary } = {
  en: Object.assign({}, ...pages.map((page) => page.en)),
  zh: Object.assign({}, ...pages.map((page) => page.zh)),
};
