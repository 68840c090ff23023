import { crc32, deflateRawSync } from 'node:zlib';

/** A zip archive of the given parts (deflated), enough to stand in for an .xlsx file in tests. */
export function zipArchive(parts: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    central.push(entry, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A workbook whose sheets hold the given rows; strings go to the shared-string table. */
export function xlsxWorkbook(sheets: Record<string, (string | number | null)[][]>): Buffer {
  const shared: string[] = [];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const column = (index: number) => String.fromCharCode(65 + index);
  const parts: Record<string, string> = {};
  const names = Object.keys(sheets);
  names.forEach((name, sheetIndex) => {
    const rows = sheets[name]!.map((cells, rowIndex) => {
      const body = cells
        .map((value, cellIndex) => {
          const ref = `${column(cellIndex)}${rowIndex + 1}`;
          if (value === null) return '';
          if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
          shared.push(value);
          return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
        })
        .join('');
      return `<row r="${rowIndex + 1}">${body}</row>`;
    });
    parts[`xl/worksheets/sheet${sheetIndex + 1}.xml`] =
      `<?xml version="1.0"?><worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`;
  });
  parts['xl/workbook.xml'] = `<?xml version="1.0"?><workbook><sheets>${names
    .map((name, index) => `<sheet name="${escape(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`)
    .join('')}</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0"?><Relationships>${names
    .map(
      (_, index) =>
        `<Relationship Id="rId${index + 1}" Type="worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
    )
    .join('')}</Relationships>`;
  parts['xl/sharedStrings.xml'] =
    `<?xml version="1.0"?><sst>${shared.map((text) => `<si><t>${escape(text)}</t></si>`).join('')}</sst>`;
  return zipArchive(parts);
}
