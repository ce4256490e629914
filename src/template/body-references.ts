/**
 * Every variable reference inside a body, at any depth (Packer's GetVarsByType), used to find what
 * a data source depends on before it can be decoded against a schema.
 */
import type * as ast from '../hcl/ast.js';
import type { HclBody } from '../hcl/hcl.js';
import { NativeBody } from '../hcl/native/body.js';
import { nativeExpression } from '../hcl/native/expression.js';
import type { Traversal } from '../hcl/traversal.js';

function nativeReferences(body: ast.Body, out: Traversal[]): void {
  for (const attr of body.attributes) out.push(...nativeExpression(attr.expr).variables());
  for (const block of body.blocks) nativeReferences(block.body, out);
}

export function bodyReferences(body: HclBody): Traversal[] {
  const out: Traversal[] = [];
  if (body instanceof NativeBody) {
    nativeReferences(body.node, out);
    return out;
  }
  // JSON bodies read every property as an attribute; nested objects keep their references.
  const { attributes } = body.justAttributes();
  for (const attr of attributes.values()) out.push(...attr.expr.variables());
  return out;
}
