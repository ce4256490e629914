/** Legacy (pre-HCL) JSON templates, read into the Template model. */
export { type GoTemplateContext, type RenderResult, renderGoTemplate } from './go-template.js';
export { LegacyBody, LegacyExpression } from './legacy-body.js';
export {
  isLegacyTemplatePath,
  type LegacyLoadOptions,
  legacyTemplateText,
  loadLegacyJsonTemplate,
} from './load.js';
