export { type TemplateLanguage, templateLanguageOf, templateLanguages } from './locales/index.js';
export * from './model.js';
export { type RenderOptions, render } from './render.js';
