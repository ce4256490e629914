/**
 * Property tests: whatever bytes the parsers are given, they return a result and diagnostics — they never
 * throw — and every diagnostic points inside the input. Parse time grows linearly with input size.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from '../../../src/hcl/diagnostics.js';
import { parseHclFile } from '../../../src/hcl/parse.js';
import { corpusTemplates } from '../corpus-files.js';

const encoder = new TextEncoder();

function assertDiagnosticsInside(src: string, diags: readonly Diagnostic[]): void {
  const size = encoder.encode(src).length;
  for (const d of diags) {
    assert.ok(d.summary.length > 0, 'a diagnostic has a summary');
    if (!d.subject) continue;
    assert.ok(
      d.subject.start.byte >= 0 && d.subject.start.byte <= d.subject.end.byte,
      `ordered range: ${d.summary}`,
    );
    assert.ok(
      d.subject.end.byte <= size,
      `range inside the input: ${d.summary} at ${d.subject.end.byte} > ${size}`,
    );
    assert.ok(d.subject.start.line >= 1 && d.subject.start.column >= 1, `1-based position: ${d.summary}`);
  }
}

/** Parse, then decode every body generically and evaluate every attribute without a context. */
function exercise(src: string, filename: string): void {
  const parsed = parseHclFile(src, filename);
  assertDiagnosticsInside(src, parsed.diags);
  const attrs = parsed.file.body.justAttributes();
  for (const attr of attrs.attributes.values()) {
    const { diags } = attr.expr.value(undefined);
    assertDiagnosticsInside(src, diags);
    attr.expr.variables();
  }
}

const hclAlphabet = fc.constantFrom(
  ...'abc xyz_-0123456789.,:;=+*/%!<>?()[]{}"\'$%~#\\\n\t\r@^|&'.split(''),
  '${',
  '%{',
  '<<EOT\n',
  '\nEOT\n',
  '<<-X\n',
  '/*',
  '*/',
  '//',
  '...',
  '=>',
  'for ',
  ' in ',
  'if ',
  'endif',
  'é',
  '🤷',
  '\u2003',
);
const hclSoup = fc.array(hclAlphabet, { maxLength: 200 }).map((parts) => parts.join(''));

test('random token soup never throws, in either syntax', () => {
  fc.assert(
    fc.property(hclSoup, (src) => {
      exercise(src, 'soup.pkr.hcl');
    }),
    { numRuns: 1500 },
  );
  fc.assert(
    fc.property(fc.oneof(fc.json(), fc.string({ unit: 'binary' })), (src) => {
      exercise(src, 'soup.pkr.json');
    }),
    { numRuns: 500 },
  );
});

test('arbitrary unicode never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (src) => {
      exercise(src, 'u.pkr.hcl');
    }),
    { numRuns: 1000 },
  );
});

test('mutated corpus templates never throw', () => {
  const files = corpusTemplates('.pkr.hcl', '.pkr.json', '.pkrvars.hcl');
  assert.ok(files.length >= 70, `corpus found (${files.length} files)`);
  const mutation = fc.record({
    file: fc.nat(files.length - 1),
    edits: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        del: fc.nat(8),
        insert: hclSoup.map((s) => s.slice(0, 6)),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
  fc.assert(
    fc.property(mutation, ({ file, edits }) => {
      const f = files[file]!;
      let text = f.text;
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.del);
      }
      exercise(text, f.name);
    }),
    { numRuns: 400 },
  );
});

/** A template of about `bytes` bytes made of varied realistic blocks. */
export function generatedTemplate(bytes: number): string {
  const chunks: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const chunk = `variable "v${i}" {
  type    = list(object({ name = string, size = optional(number, ${i}) }))
  default = [{ name = "n${i}", size = ${i} * 1024 }]
}

source "qemu" "s${i}" {
  iso_url      = "https://example.invalid/\${var.v${i}[0].name}-${i}.iso"
  boot_command = ["<esc><wait>", "linux ks=http://{{ .HTTPIP }}:{{ .HTTPPort }}/ks.cfg<enter>"]
  disk_size    = var.v${i}[0].size > 10 ? "\${var.v${i}[0].size}M" : "10G"
  tags         = { for k, v in local.tags : k => upper(v) if v != "" }
  names        = [for s in var.v${i} : s.name]
  ids          = local.items[*].id
  script       = <<-EOT
    echo "building ${i}" # comment
    %{ for n in ["a", "b"] }echo \${n}%{ endfor }
  EOT
}

`;
    chunks.push(chunk);
    size += chunk.length;
  }
  return chunks.join('');
}

function timeParse(src: string): number {
  const t0 = performance.now();
  const { diags } = parseHclFile(src, 'big.pkr.hcl');
  const elapsed = performance.now() - t0;
  assert.deepEqual(
    diags.map((d) => d.summary),
    [],
    'the generated template is valid',
  );
  return elapsed;
}

test('a 1 MB template parses in well under a second, and time grows linearly', () => {
  const quarter = generatedTemplate(1 << 18);
  const oneMb = generatedTemplate(1 << 20);
  timeParse(oneMb); // warm-up: JIT
  const tq = Math.min(timeParse(quarter), timeParse(quarter), timeParse(quarter));
  const t1 = Math.min(timeParse(oneMb), timeParse(oneMb), timeParse(oneMb));
  console.log(
    `# parse 256 KB: ${tq.toFixed(0)} ms, 1 MB: ${t1.toFixed(0)} ms (ratio ${(t1 / tq).toFixed(2)})`,
  );
  assert.ok(t1 < 1000, `1 MB parsed in ${t1.toFixed(0)} ms`);
  // Four times the input: linear time gives about 4, quadratic 16; leave room for a noisy machine.
  assert.ok(t1 / tq < 8, `4x the input multiplies parse time by ${(t1 / tq).toFixed(2)}, expected about 4`);
});
