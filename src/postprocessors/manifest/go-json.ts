/**
 * JSON as Go's encoding/json MarshalIndent(v, "", "  ") writes it: two-space indent, no trailing
 * newline, and `<`, `>`, `&`, U+2028, U+2029 escaped. Those characters can only occur inside strings
 * in JSON text, so escaping the serialised text is the same as escaping each string.
 */
export function goMarshalIndent(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
