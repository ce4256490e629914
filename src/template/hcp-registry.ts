/**
 * `hcp_packer_registry { … }`: imgbuild publishes nothing to HCP Packer, but a template using the block
 * must still be well-formed as Packer checks it (arguments, their types, the bucket name rule).
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors, warningDiag } from '../hcl/diagnostics.js';
import type { EvalContext, HclBlock } from '../hcl/hcl.js';
import { listOf, mapOf, StringType, type Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import { asString, isNull, lengthInt, unmarkDeep } from '../hcl/values.js';

const label = 'hcp_packer_registry';

const argumentTypes: Readonly<Record<string, Type>> = {
  bucket_name: StringType,
  description: StringType,
  labels: mapOf(StringType),
  bucket_labels: mapOf(StringType),
  build_labels: mapOf(StringType),
  channels: listOf(StringType),
};

const bucketName = /^[a-zA-Z0-9-]{3,36}$/;

export function checkHcpRegistryBlock(block: HclBlock, ctx: EvalContext): Diagnostic[] {
  const { content, diags } = block.body.content({
    attributes: Object.keys(argumentTypes).map((name) => ({ name })),
  });
  const values = new Map<string, Value>();
  for (const [name, attr] of content.attributes) {
    const r = attr.expr.value(ctx);
    diags.push(...r.diags);
    const conv = convert(unmarkDeep(r.value)[0], argumentTypes[name]!);
    if (!conv.ok) {
      diags.push(
        errorDiag(
          'Unsuitable value type',
          `Unsuitable value: ${conv.message}`,
          attr.expr.startRange,
          attr.expr.range,
        ),
      );
    } else if (conv.value.state === 'known' && !isNull(conv.value)) values.set(name, conv.value);
  }
  if (hasErrors(diags)) return diags;
  const description = values.get('description');
  if (description && [...asString(description)].length > 255) {
    diags.push(
      errorDiag(
        `${label}.description should have a maximum length of 255 characters`,
        undefined,
        block.defRange,
      ),
    );
  }
  const bucket = values.get('bucket_name');
  if (bucket && asString(bucket) !== '' && !bucketName.test(asString(bucket))) {
    diags.push(
      errorDiag(
        `${label}.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens`,
        undefined,
        block.defRange,
      ),
    );
  }
  const labels = values.get('labels');
  const nonEmpty = (v: Value | undefined) => v !== undefined && lengthInt(v) > 0;
  if (nonEmpty(labels) && nonEmpty(values.get('bucket_labels'))) {
    diags.push(
      errorDiag(
        `${label}.labels and ${label}.bucket_labels are mutually exclusive; please use the recommended argument ${label}.bucket_labels`,
        undefined,
        block.defRange,
      ),
    );
  } else if (nonEmpty(labels)) {
    diags.push(
      warningDiag(
        `the argument ${label}.labels has been deprecated and will be removed in the next minor release; please use ${label}.bucket_labels`,
        undefined,
        content.attributes.get('labels')?.nameRange,
      ),
    );
  }
  return diags;
}
