/**
 * Diagnostics for tokens that never belong in HCL source (hclsyntax's checkInvalidTokens), reported
 * once per kind where repetition would only add noise.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import type { Token } from './tokens.js';

export function checkInvalidTokens(tokens: readonly Token[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let toldBitwise = 0;
  let toldExponent = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  let toldTabs = 0;
  let toldBadUTF8 = 0;

  for (const tok of tokens) {
    const r = tok.range;
    switch (tok.type) {
      case 'TokenBitwiseAnd':
      case 'TokenBitwiseOr':
      case 'TokenBitwiseXor':
      case 'TokenBitwiseNot':
        if (toldBitwise < 4) {
          let suggestion = '';
          if (tok.type === 'TokenBitwiseAnd') suggestion = ' Did you mean boolean AND ("&&")?';
          else if (tok.type === 'TokenBitwiseOr') suggestion = ' Did you mean boolean OR ("||")?';
          else if (tok.type === 'TokenBitwiseNot') suggestion = ' Did you mean boolean NOT ("!")?';
          diags.push(
            errorDiag('Unsupported operator', `Bitwise operators are not supported.${suggestion}`, r),
          );
          toldBitwise++;
        }
        break;
      case 'TokenStarStar':
        if (toldExponent < 1) {
          diags.push(
            errorDiag(
              'Unsupported operator',
              '"**" is not a supported operator. Exponentiation is not supported as an operator.',
              r,
            ),
          );
          toldExponent++;
        }
        break;
      case 'TokenBacktick':
        // Only every other backtick, so the two ends of one quoted-looking string give one error.
        if (toldBacktick % 2 === 0) {
          diags.push(
            errorDiag(
              'Invalid character',
              'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
              r,
            ),
          );
        }
        if (toldBacktick <= 2) toldBacktick++;
        break;
      case 'TokenApostrophe':
        if (toldApostrophe % 2 === 0) {
          diags.push(
            errorDiag(
              'Invalid character',
              'Single quotes are not valid. Use double quotes (") to enclose strings.',
              r,
            ),
          );
        }
        if (toldApostrophe <= 2) toldApostrophe++;
        break;
      case 'TokenSemicolon':
        if (toldSemicolon < 1) {
          diags.push(
            errorDiag(
              'Invalid character',
              'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
              r,
            ),
          );
          toldSemicolon++;
        }
        break;
      case 'TokenTabs':
        if (toldTabs < 1) {
          diags.push(
            errorDiag(
              'Invalid character',
              'Tab characters may not be used. The recommended indentation style is two spaces per indent.',
              r,
            ),
          );
          toldTabs++;
        }
        break;
      case 'TokenBadUTF8':
        if (toldBadUTF8 < 1) {
          diags.push(
            errorDiag(
              'Invalid character encoding',
              'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.',
              r,
            ),
          );
          toldBadUTF8++;
        }
        break;
      case 'TokenQuotedNewline':
        diags.push(
          errorDiag(
            'Invalid multi-line string',
            'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
            r,
          ),
        );
        break;
      case 'TokenInvalid':
        if (tok.text === '\u201c' || tok.text === '\u201d') {
          diags.push(
            errorDiag(
              'Invalid character',
              '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
              r,
            ),
          );
        } else {
          diags.push(errorDiag('Invalid character', 'This character is not used within the language.', r));
        }
        break;
      default:
        break;
    }
  }
  return diags;
}
