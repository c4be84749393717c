import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { convertCommand } from '../../src/cli/commands/convert.js';
import { main } from '../../src/cli/main.js';

function captureIo(stdin = '', cwd = '.'): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, isTty: false, env: {}, cwd };
}

const patientXml = `<Patient xmlns="http://hl7.org/fhir">
  <id value="p1"/>
  <name><given value="Ann"/></name>
  <multipleBirthInteger value="2"/>
</Patient>`;
const observationJson = '{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1.50,"unit":"mg"}}';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bars-convert-'));
  writeFileSync(join(dir, 'patient.xml'), patientXml);
  writeFileSync(join(dir, 'observation.json'), observationJson);
  writeFileSync(join(dir, 'doctype.xml'), '<!DOCTYPE x [<!ENTITY a "b">]><Patient xmlns="http://hl7.org/fhir"/>');
  writeFileSync(join(dir, 'broken.json'), '{\n  "resourceType": "Patient",\n  "id": \n}');
  writeFileSync(join(dir, 'latin1.xml'), Buffer.concat([Buffer.from('<Patient xmlns="http://hl7.org/fhir"><id value="'), Buffer.from([0xe9]), Buffer.from('"/></Patient>')]));
});

describe('bars-validate convert', () => {
  it('converts XML to JSON by default, typed by the definitions', async () => {
    const io = captureIo('', dir);
    expect(await main(['convert', 'patient.xml'], io, [convertCommand])).toBe(0);
    expect(JSON.parse(io.out.join(''))).toEqual({ resourceType: 'Patient', id: 'p1', name: [{ given: ['Ann'] }], multipleBirthInteger: 2 });
    expect(io.err).toEqual([]);
  });

  it('converts JSON from stdin to XML, keeping decimal text', async () => {
    const io = captureIo(observationJson);
    expect(await main(['convert', '-'], io, [convertCommand])).toBe(0);
    const xml = io.out.join('');
    expect(xml).toContain('<Observation xmlns="http://hl7.org/fhir">');
    expect(xml).toContain('<value value="1.50"/>');
    const back = captureIo(xml);
    expect(await main(['convert', '-', '--to', 'json'], back, [convertCommand])).toBe(0);
    expect(back.out.join('')).toContain('"value": 1.50');
  });

  it('exits 1 with a clear message on malformed input, DOCTYPE and bad UTF-8', async () => {
    for (const [file, pattern] of [
      ['doctype.xml', /doctype\.xml:1:1: not valid FHIR XML: DOCTYPE declarations are not allowed/],
      ['broken.json', /broken\.json:4:1: not valid FHIR JSON: invalid JSON: expected a value/],
      ['latin1.xml', /latin1\.xml:1:49: invalid UTF-8 at byte 48/],
    ] as const) {
      const io = captureIo('', dir);
      expect(await main(['convert', file], io, [convertCommand])).toBe(1);
      expect(io.err.join('')).toMatch(pattern);
      expect(io.out).toEqual([]);
    }
    const io = captureIo('hello');
    expect(await main(['convert', '-'], io, [convertCommand])).toBe(1);
    expect(io.err.join('')).toMatch(/neither FHIR JSON .* nor FHIR XML/);
  });

  it('exits 2 on usage errors and unreadable files', async () => {
    for (const args of [['convert'], ['convert', 'a.xml', '--to', 'yaml'], ['convert', 'a.xml', '--bogus'], ['convert', 'a', 'b']]) {
      const io = captureIo('', dir);
      expect(await main(args, io, [convertCommand])).toBe(2);
      expect(io.err.join('')).toContain('Usage: bars-validate convert');
    }
    const io = captureIo('', dir);
    expect(await main(['convert', 'missing.xml'], io, [convertCommand])).toBe(2);
    expect(io.err.join('')).toMatch(/cannot read missing\.xml: no such file/);
  });

  it('warns on stderr about content left out', async () => {
    const io = captureIo('<Patient xmlns="http://hl7.org/fhir"><id value="a"/><bogus value="1"/></Patient>');
    expect(await main(['convert', '-'], io, [convertCommand])).toBe(0);
    expect(io.err.join('')).toMatch(/warning: <stdin>:1:53: unknown element 'bogus'/);
    expect(JSON.parse(io.out.join(''))).toEqual({ resourceType: 'Patient', id: 'a' });
  });
});
