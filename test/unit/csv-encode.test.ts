// The export's cells and encodings: formula-looking cells neutralised (the fields whose
// schemas trim cannot begin with a tab or CR, so those are held here), CP932's own code points
// for the signs Macs write differently, and characters CP932 cannot hold found cell by cell.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeTable, neutralizeFormula } from '../../src-main/core/modules/csv/encode';

describe('neutralizeFormula', () => {
  it('prefixes a cell beginning with =, +, -, @, tab or CR with an apostrophe, and leaves others alone', () => {
    expect(['=SUM(A1)', '+81', '-1', '@x', '\tx', '\rx', 'a=b', '山田', ''].map(neutralizeFormula)).toEqual(["'=SUM(A1)", "'+81", "'-1", "'@x", "'\tx", "'\rx", 'a=b', '山田', '']);
  });
});

describe('encodeTable', () => {
  it('writes CP932 with CRLF, quoting cells that hold commas, quotes or line breaks', () => {
    const r = encodeTable(['姓', '備考'], [['髙橋', 'a,b'], ['山﨑', '一行\r\n二行 "引用"']], 'cp932');
    expect(r.ok && iconv.decode(r.bytes, 'cp932')).toBe('姓,備考\r\n髙橋,"a,b"\r\n山﨑,"一行\r\n二行 ""引用"""\r\n');
  });

  it('writes 〜 and − as CP932 writes them (～ and －) rather than refusing them', () => {
    const r = encodeTable(['住所'], [['1〜2−3']], 'cp932');
    expect(r.ok && iconv.decode(r.bytes, 'cp932')).toBe('住所\r\n1～2－3\r\n');
  });

  it('finds each cell CP932 cannot hold, with its row and column', () => {
    expect(encodeTable(['姓', '名'], [['山田', '太郎'], ['𠮷田', '😀です']], 'cp932')).toEqual({
      ok: false,
      unencodable: [
        { row: 3, column: '姓', characters: '𠮷' },
        { row: 3, column: '名', characters: '😀' },
      ],
    });
  });

  it('keeps a question mark the text holds, and still finds a lost character beside one', () => {
    const r = encodeTable(['備考'], [['本当?'], ['??']], 'cp932');
    expect(r.ok && iconv.decode(r.bytes, 'cp932')).toBe('備考\r\n本当?\r\n??\r\n');
    expect(encodeTable(['備考'], [['?😀?']], 'cp932')).toEqual({ ok: false, unencodable: [{ row: 2, column: '備考', characters: '😀' }] });
  });

  it('writes a table of many thousand rows exactly as one piece, and numbers the rows of a late problem from the top', () => {
    const rows = Array.from({ length: 7001 }, (_, i) => [`K${i}`, i % 3 === 0 ? '=1+1' : '山﨑 "髙"', 'a,b']);
    const r = encodeTable(['社員番号', '姓', '備考'], rows, 'cp932');
    const cell = (name: string) => (name === '=1+1' ? "'=1+1" : '"山﨑 ""髙"""');
    const expected = ['社員番号,姓,備考', ...rows.map(([code, name]) => `${code},${cell(name!)},"a,b"`)].join('\r\n') + '\r\n';
    expect(r.ok && iconv.decode(r.bytes, 'cp932')).toBe(expected);
    const lf = encodeTable(['姓'], rows.map(([code]) => [code!]), 'utf8bom', 'lf');
    expect(lf.ok && lf.bytes.toString('utf8')).toBe(`\uFEFF姓\n${rows.map(([code]) => code).join('\n')}\n`);
    // Rows 2,002 and 6,502 of the spreadsheet (after the header), in the second and fourth pieces.
    const bad = rows.map((row, i) => (i === 2000 ? ['K', '𠮷田', ''] : i === 6500 ? ['K', '', '😀'] : row));
    expect(encodeTable(['社員番号', '姓', '備考'], bad, 'cp932')).toEqual({
      ok: false,
      unencodable: [
        { row: 2002, column: '姓', characters: '𠮷' },
        { row: 6502, column: '備考', characters: '😀' },
      ],
    });
  });

  it('reports a header CP932 cannot hold once, as row 1', () => {
    const rows = Array.from({ length: 4500 }, () => ['x']);
    expect(encodeTable(['メモ😀'], rows, 'cp932')).toEqual({ ok: false, unencodable: [{ row: 1, column: 'メモ😀', characters: '😀' }] });
  });

  it('writes UTF-8 with or without its BOM', () => {
    const withBom = encodeTable(['姓'], [['𠮷田']], 'utf8bom');
    expect(withBom.ok && [...withBom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const plain = encodeTable(['姓'], [['𠮷田']], 'utf8');
    expect(plain.ok && plain.bytes.toString('utf8')).toBe('姓\r\n𠮷田\r\n');
  });
});
