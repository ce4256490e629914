/** Legacy (pre-HCL) JSON templates, read into the Template model. */
export { type GoTemplateContext, type RenderResult, renderGoTemplate } from './go-template.js';
export { attributeValueFor, LegacyBody, LegacyExpression } from './legacy-body.js';
export { weakValue } from './weak-decode.js';
export {
  isLegacyTemplatePath,
  type LegacyLoadOptions,
  legacyTemplateText,
  loadLegacyJsonTemplate,
} from './load.js';
