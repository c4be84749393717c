import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, readTgz } from '../../../src/defs/packages/tar-reader.js';

const work = mkdtempSync(join(tmpdir(), 'bars-tar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A one-file ustar archive built by hand, so the test does not depend on a tar binary's choices. */
function ustar(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

describe('tar reader', () => {
  it('reads a hand-made ustar archive', () => {
    const files = readTar(ustar('package/a.json', '{"resourceType":"Basic"}'));
    expect(files.map((f) => [f.path, f.data.toString()])).toEqual([['package/a.json', '{"resourceType":"Basic"}']]);
  });

  it('rejects a corrupted header', () => {
    const archive = ustar('package/a.json', 'x');
    archive[10] ^= 0xff;
    expect(() => readTar(archive)).toThrow(/checksum/);
  });

  it('rejects an entry that runs past the end', () => {
    expect(() => readTar(ustar('package/a.json', 'x'.repeat(600)).subarray(0, 1024))).toThrow(/past the end/);
  });

  it('reads what the system tar writes, including long names (pax/GNU) and nested folders', () => {
    const longName = `${'very-long-folder-name-'.repeat(6)}/StructureDefinition-${'x'.repeat(90)}.json`;
    mkdirSync(join(work, 'src', 'package', longName.split('/')[0]), { recursive: true });
    writeFileSync(join(work, 'src', 'package', 'package.json'), '{"name":"a","version":"1.0.0"}');
    writeFileSync(join(work, 'src', 'package', longName), '{"resourceType":"StructureDefinition"}');
    const tgz = join(work, 'p.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', join(work, 'src'), 'package']);
    const files = readTgz(readFileSync(tgz));
    expect(files.map((f) => f.path).sort()).toEqual([`package/${longName}`, 'package/package.json'].sort());
    expect(files.find((f) => f.path.endsWith('.json') && f.path.includes('Structure'))?.data.toString()).toBe('{"resourceType":"StructureDefinition"}');
  });

  it('reads gzip-compressed archives', () => {
    expect(readTgz(gzipSync(ustar('package/b.json', '{}'))).map((f) => f.path)).toEqual(['package/b.json']);
  });
});
