// Text as Excel on Chinese Windows saves it (GBK, the two-byte part of GB18030), for tests of
// imports that must read such files. Node decodes GB18030 but has no encoder, so the table is the
// decoder's, read backwards: every two-byte code decoded once. ASCII stays one byte; a character
// outside GBK (none in these tests) throws rather than be written wrongly.

let table: Map<string, number> | undefined;

function encoderTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('gb18030');
  table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, (lead << 8) | trail);
    }
  }
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const codes = encoderTable();
  const bytes: number[] = [];
  for (const char of text) {
    const unit = char.codePointAt(0)!;
    if (unit < 0x80) bytes.push(unit);
    else {
      const code = codes.get(char);
      if (code === undefined) throw new Error(`encodeGb18030: ${char} is not in GBK`);
      bytes.push(code >> 8, code & 0xff);
    }
  }
  return Buffer.from(bytes);
}
