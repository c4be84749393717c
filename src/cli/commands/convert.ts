/**
 * `bars-validate convert <file|-> [--to json|xml]`: FHIR JSON ⇄ XML. Prints the converted
 * resource on stdout (default: the other format), warnings on stderr for anything the target
 * format cannot hold. Exit 1 for input that is not FHIR JSON/XML (malformed, DOCTYPE, bad
 * UTF-8), 2 for a usage error or an unreadable file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDefinitionSet } from '../../defs/definition-set.js';
import { loadR4CorePackage } from '../../defs/r4-core.js';
import { type FhirFormat, parseFhirText } from '../../formats/detect.js';
import { formatFhirJson } from '../../formats/json-writer.js';
import { type FhirTypeModel, createTypeModel } from '../../formats/type-model.js';
import { decodeUtf8 } from '../../formats/utf8.js';
import { writeFhirXml } from '../../formats/xml-writer.js';
import type { CliCommand, CliIo } from '../command.js';
import { UsageError } from '../command.js';

const USAGE = `Usage: bars-validate convert <file|-> [--to json|xml]

Converts one FHIR resource between JSON and XML and prints it on stdout.
  <file|->        the resource to convert; - reads standard input
  --to json|xml   the format to write (default: the other one)`;

interface ConvertArgs {
  input: string;
  to?: FhirFormat;
}

function parseArgs(args: string[]): ConvertArgs {
  let input: string | undefined;
  let to: FhirFormat | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--to') {
      const value = args[++i];
      if (value !== 'json' && value !== 'xml') throw new UsageError(`--to needs json or xml${value === undefined ? '' : ` (not '${value}')`}`);
      to = value;
    } else if (arg.startsWith('--to=')) {
      const value = arg.slice(5);
      if (value !== 'json' && value !== 'xml') throw new UsageError(`--to needs json or xml (not '${value}')`);
      to = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'`);
    } else if (input === undefined) {
      input = arg;
    } else {
      throw new UsageError('only one input can be converted at a time');
    }
  }
  if (input === undefined) throw new UsageError('an input file (or - for standard input) is required');
  return { input, to };
}

async function readInput(input: string, io: CliIo): Promise<{ ok: true; text: string } | { ok: false; code: number; message: string }> {
  if (input === '-') return { ok: true, text: await io.readStdin() };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, input));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, code: 2, message: `cannot read ${input}: ${reason}` };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, code: 1, message: `${input}:${decoded.error.line}:${decoded.error.column}: ${decoded.error.message}` };
  return { ok: true, text: decoded.text };
}

/** The R4 core type model, loaded (~0.5 s) only if the conversion needs it: bad input fails fast. */
function lazyCoreTypeModel(): FhirTypeModel {
  let model: FhirTypeModel | undefined;
  const get = (): FhirTypeModel => (model ??= createTypeModel(createDefinitionSet([loadR4CorePackage()])));
  return {
    element: (typeName, path) => get().element(typeName, path),
    children: (typeName, path) => get().children(typeName, path),
    childScope: (typeName, path) => get().childScope(typeName, path),
    isPrimitive: (typeName) => get().isPrimitive(typeName),
    isResource: (typeName) => get().isResource(typeName),
    isKnownType: (typeName) => get().isKnownType(typeName),
  };
}

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert a FHIR resource between JSON and XML',
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args);
    const input = await readInput(options.input, io);
    if (!input.ok) {
      io.stderr(`bars-validate convert: ${input.message}\n`);
      return input.code;
    }
    const model = lazyCoreTypeModel();
    const read = parseFhirText(input.text, model);
    const name = options.input === '-' ? '<stdin>' : options.input;
    if (!read.ok) {
      const where = read.error.line === undefined ? '' : `${read.error.line}:${read.error.column}:`;
      io.stderr(`bars-validate convert: ${name}:${where} ${read.format ? `not valid FHIR ${read.format.toUpperCase()}: ` : ''}${read.error.message}\n`);
      return 1;
    }
    for (const finding of read.findings) {
      io.stderr(`warning: ${name}:${finding.line}:${finding.column}: ${finding.path === '' ? '' : `${finding.path}: `}${finding.message}\n`);
    }
    const target = options.to ?? (read.format === 'json' ? 'xml' : 'json');
    if (target === 'json') {
      io.stdout(`${formatFhirJson(read.resource, { decimalText: read.decimalText })}\n`);
    } else {
      const xml = writeFhirXml(read.resource, model, {
        decimalText: read.decimalText,
        onIssue: (message, path) => io.stderr(`warning: ${name}: ${path}: ${message}\n`),
      });
      io.stdout(xml);
    }
    return 0;
  },
};
