/**
 * EC2 Query replies as XML. Reply bodies are plain objects keyed by EC2's own element names
 * (`imagesSet`, `instanceState`…): an array becomes a list of `<item>` elements, an object nests,
 * undefined is left out. Keeping EC2's names in the handlers makes each reply easy to check against
 * the API reference.
 */

export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | readonly XmlValue[];
export interface XmlObject {
  readonly [element: string]: XmlValue;
}

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

function valueXml(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<item>${valueXml(item)}</item>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return elementsXml(value as XmlObject);
  return escapeXml(String(value));
}

function elementsXml(object: XmlObject): string {
  let out = '';
  for (const [name, value] of Object.entries(object)) {
    if (value === undefined || value === null) continue;
    out += `<${name}>${valueXml(value)}</${name}>`;
  }
  return out;
}

/** `<ActionResponse xmlns=…><requestId>…</requestId>…</ActionResponse>`. */
export function responseXml(action: string, requestId: string, body: XmlObject): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NAMESPACE}">` +
    `<requestId>${escapeXml(requestId)}</requestId>${elementsXml(body)}</${action}Response>`
  );
}

/** EC2's error document (note `RequestID`, unlike the success reply's `requestId`). */
export function errorXml(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}
