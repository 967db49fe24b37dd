import { describe, expect, it } from 'vitest';
import { explainJsonError } from '../../src/cli/replay/json-error.js';
import { splitPayloads } from '../../src/cli/replay/payloads.js';

describe('splitPayloads', () => {
  it('reads JSON Lines, skipping blank lines and CRLF endings, numbering from 1', () => {
    const text = '{"a":1}\r\n\r\n{"b":2}\r\nnot json\n';

    const { format, payloads } = splitPayloads(text);

    expect(format).toBe('json-lines');
    expect(payloads).toEqual([
      { where: 'line 1', line: 1, value: '{"a":1}' },
      { where: 'line 3', line: 3, value: '{"b":2}' },
      { where: 'line 4', line: 4, value: 'not json' },
    ]);
  });

  it('reads a file of one line as JSON Lines, so errors name line 1', () => {
    const { format, payloads } = splitPayloads('{"a":1}\n');

    expect(format).toBe('json-lines');
    expect(payloads.map((p) => p.where)).toEqual(['line 1']);
  });

  it('reads a JSON array as one payload per element', () => {
    const { format, payloads } = splitPayloads('[\n  {"a": 1},\n  "text"\n]');

    expect(format).toBe('json-array');
    expect(payloads).toEqual([
      { where: 'item [0]', line: null, value: { a: 1 } },
      { where: 'item [1]', line: null, value: 'text' },
    ]);
  });

  it('reads a pretty-printed document as one payload, valid or not', () => {
    const valid = splitPayloads('\n{\n  "a": 1\n}\n');
    const invalid = splitPayloads('{\n  "code": 000000\n}\n');

    expect(valid).toEqual({
      format: 'json-document',
      payloads: [{ where: 'the document', line: 2, value: { a: 1 } }],
    });
    expect(invalid.format).toBe('json-document');
    expect(invalid.payloads).toHaveLength(1);
    expect(invalid.payloads[0]?.value).toBe('{\n  "code": 000000\n}\n');
  });

  it('ignores a byte order mark and finds nothing in blank text', () => {
    const marked = splitPayloads('\ufeff{"a":1}');
    const blank = splitPayloads(' \n\n');

    expect(marked.payloads[0]?.value).toBe('{"a":1}');
    expect(blank).toEqual({ format: 'empty', payloads: [] });
  });
});

describe('explainJsonError', () => {
  it('names the line and column, and explains a leading-zero number', () => {
    const text = '{\n  "warnings": [{"code": 000000, "count": 1}]\n}';
    let message = '';
    try {
      JSON.parse(text);
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }

    const hint = explainJsonError(message, text, 10);

    expect(hint).toMatch(/^stopped at line 11, column \d+; a number written with leading zeros/);
  });

  it('gives no leading-zero advice for other mistakes', () => {
    const hint = explainJsonError('Unexpected token } in JSON at position 7', '{"a":1,}', 1);

    expect(hint).toBe('stopped at line 1, column 8');
  });
});
