/**
 * Compiles a FHIRPath expression, parsed by fhirpath.js, into closures over typed items,
 * for the part of the language that profile invariants use: navigation (choices, resources
 * typed by resourceType, primitive extensions), the functions of functions.ts, boolean
 * logic, equality and ordering of primitives (compare.ts), membership, union, is/as, indexers,
 * literals and the adapter's variables. Anything else raises Unsupported, so the expression
 * stays with fhirpath.js. A sub-expression that does not depend on the focus (`%resource.entry...`
 * inside where()) is computed once per evaluation: that is the loop-invariant hoisting of hoist.ts,
 * done on the tree.
 */
import { compareItems, itemsEqual, plainStringValue, primitiveKey } from './compare.js';
import { checkSize, type NativeEnv, type Step } from './env.js';
import { FUNCTIONS, Unsupported, type CallArguments } from './functions.js';
import { bail, booleanItems, EMPTY, FALSE as FALSE_ITEMS, Item, toBoolean, TRUE as TRUE_ITEMS } from './items.js';
import { createMemberCache, navigateMember } from './navigate.js';

export interface AstNode {
  type: string;
  text?: string;
  atRoot?: number;
  children?: AstNode[];
}

interface Compiled {
  step: Step;
  /** The value does not depend on the focus (literals, variables and what is built only from them). */
  fixed: boolean;
  /** A literal: its value is already fixed, memoising it gains nothing. */
  literal?: boolean;
  /** Already shared between the expressions on a node (see shared()): sharing it again only adds a look-up. */
  shared?: boolean;
}

const FIXED_STRINGS: Readonly<Record<string, string>> = {
  ucum: 'http://unitsofmeasure.org',
};

function child(node: AstNode, index = 0): AstNode {
  const found = node.children?.[index];
  if (!found) throw new Unsupported(`${node.type} without child ${index}`);
  return found;
}

function identifierText(node: AstNode): string {
  const text = node.text ?? '';
  return text.startsWith('`') && text.endsWith('`') ? text.slice(1, -1) : text;
}

function unescapeString(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', '\\': '\\', "'": "'", '"': '"', '`': '`', '/': '/' };
    const out = simple[escape];
    if (out === undefined) throw new Unsupported(`string escape \\${escape}`);
    return out;
  });
}

/** Counts memo slots for one expression. */
interface Slots {
  next: number;
}

/**
 * A sub-expression that does not depend on the focus, computed once: shared by its syntax with
 * every expression evaluated on the same node (eight BaRS Bundle rules each walk
 * `%resource.entry.resource.ofType(ServiceRequest)`), or, without a shared map, once per evaluation.
 */
function memoised(compiled: Compiled, slots: Slots, node: AstNode, keys: SyntaxKeys): Compiled {
  // A shared value is already computed once per node, so at most once per evaluation.
  if (!compiled.fixed || compiled.literal || compiled.shared) return compiled;
  const slot = slots.next++;
  const key = syntaxKey(node, keys);
  const inner = compiled.step;
  return {
    fixed: true,
    shared: true,
    step: (focus, env) => {
      // The evaluation's own slot first: inside where() this runs once per item.
      let value = env.memo[slot];
      if (value === undefined) value = env.memo[slot] = sharedValue(key, inner, focus, env);
      return value;
    },
  };
}

function literal(value: unknown, type: string): Compiled {
  const items = Object.freeze([new Item(value, type)]);
  return { step: () => items, fixed: true, literal: true };
}

function compileLiteral(node: AstNode): Compiled {
  const kind = child(node);
  switch (kind.type) {
    case 'StringLiteral':
      return literal(unescapeString(kind.text ?? "''"), 'System.String');
    case 'NumberLiteral': {
      const text = kind.text ?? '';
      if (!/^\d+(\.\d+)?$/.test(text)) throw new Unsupported(`number ${text}`);
      return literal(Number(text), text.includes('.') ? 'System.Decimal' : 'System.Integer');
    }
    case 'BooleanLiteral':
      return literal(kind.text === 'true', 'System.Boolean');
    case 'NullLiteral':
      return { step: () => EMPTY, fixed: true, literal: true };
    default:
      throw new Unsupported(kind.type);
  }
}

function compileConstant(node: AstNode): Compiled {
  const constant = child(node);
  const name = identifierText(child(constant));
  if (child(constant).type !== 'Identifier') throw new Unsupported('quoted variable name');
  const one = (pick: (env: NativeEnv) => Item | undefined): Compiled => ({
    step: (_focus, env) => {
      const item = pick(env);
      return item ? [item] : EMPTY;
    },
    fixed: true,
  });
  switch (name) {
    case 'context':
      return one((env) => env.context);
    case 'resource':
      return one((env) => env.resource);
    case 'rootResource':
      return one((env) => env.rootResource);
    case 'extension':
      // Without one given, what %extension means is fhirpath.js's to say (an undefined variable).
      return { step: (_focus, env) => (env.extension ? [env.extension] : bail('no %extension given')), fixed: true };
    default: {
      const fixed = FIXED_STRINGS[name];
      if (fixed !== undefined) return literal(fixed, 'System.String');
      // %sct, %loinc, %`vs-...`, %`ext-...`: the adapter's strings; any other name is its error.
      return {
        step: (_focus, env) => {
          const value = env.strings[name];
          return value === undefined ? bail(`unknown variable %${name}`) : [new Item(value, 'System.String')];
        },
        fixed: true,
      };
    }
  }
}

/** `Patient` at the start of `Patient.name` on a Patient: the focus itself. */
function typePrefixOrMember(name: string): Step {
  const first = name.charCodeAt(0);
  if (first >= 65 && first <= 90) {
    return (focus, env) => {
      for (const item of focus) if (item.type.startsWith('System.') || !env.types.conforms(item.type, name)) return bail(`type prefix ${name} that the focus does not have`);
      return focus;
    };
  }
  const cache = createMemberCache();
  return (focus, env) => navigateMember(focus, name, env.types, cache);
}

/** Lists shorter than this are compared item by item: a set would cost more than it saves. */
const INDEXED_LIST_LENGTH = 8;

/** The list's strings as a set, made once per evaluation and list; null when an item is not a plain string. */
function stringIndexOf(ys: readonly Item[], env: NativeEnv): ReadonlySet<string> | null {
  const indexes = (env.stringIndexes ??= new Map());
  let index = indexes.get(ys);
  if (index === undefined) {
    const values = new Set<string>();
    for (const y of ys) {
      const value = plainStringValue(y);
      if (value === undefined) {
        indexes.set(ys, null);
        return null;
      }
      values.add(value);
    }
    indexes.set(ys, (index = values));
  }
  return index;
}

/**
 * One number per syntax, kept by the evaluator for all the expressions it compiles: the index of
 * that syntax's value in a node's shared values (an array look-up, where a Map keyed by the
 * spelled syntax, hundreds of characters, cost a hash and a growing table per node).
 */
export type SyntaxKeys = Map<string, number>;

/** The shared-value index of a sub-expression's syntax (without positions). */
function syntaxKey(node: AstNode, keys: SyntaxKeys): number {
  const key = spelledSyntax(node);
  const known = keys.get(key);
  if (known !== undefined) return known;
  const index = keys.size;
  keys.set(key, index);
  return index;
}

function spelledSyntax(node: AstNode): string {
  const children = node.children?.map(spelledSyntax).join(',') ?? '';
  return `${node.type}:${node.text ?? ''}:${node.atRoot ?? ''}(${children})`;
}

/** Shares a top-level operand's value with the other expressions evaluated on the same node. */
function shared(compiled: Compiled, node: AstNode, keys: SyntaxKeys): Compiled {
  if (compiled.literal || compiled.shared) return compiled;
  const key = syntaxKey(node, keys);
  const inner = compiled.step;
  return {
    fixed: compiled.fixed,
    shared: true,
    step: (focus, env) => sharedValue(key, inner, focus, env),
  };
}

/** The value at `key` in the node's shared values, computed and kept there on first use (computed alone without them). */
function sharedValue(key: number, inner: Step, focus: readonly Item[], env: NativeEnv): readonly Item[] {
  const cache = env.shared;
  if (!cache) return inner(focus, env);
  let value = cache[key] as readonly Item[] | undefined;
  if (value === undefined) {
    value = inner(focus, env);
    cache[key] = value;
  }
  return value;
}

class NativeCompiler {
  readonly slots: Slots = { next: 0 };
  /** How many function arguments the compilation is inside (0: the focus is the context node). */
  private argumentDepth = 0;

  constructor(private readonly keys: SyntaxKeys) {}

  compile(node: AstNode): Compiled {
    switch (node.type) {
      case 'EntireExpression':
      case 'TermExpression':
        if (node.children?.length !== 1) throw new Unsupported(`${node.type} with ${node.children?.length} children`);
        return this.compile(child(node));
      case 'ParenthesizedTerm':
        return this.compile(child(node));
      case 'LiteralTerm':
        return compileLiteral(node);
      case 'ExternalConstantTerm':
        return compileConstant(node);
      // Chains on the context node itself (`entry.resource.ofType(Encounter)`) recur across the
      // invariants of one node: each prefix is shared (see shared()).
      case 'InvocationTerm':
        return this.topLevel(this.invocation(child(node), undefined), node);
      case 'InvocationExpression':
        // Inside an argument, a prefix that does not depend on the focus is shared too (memoised()).
        return this.topLevel(this.invocation(child(node, 1), memoised(this.compile(child(node, 0)), this.slots, child(node, 0), this.keys)), node);
      case 'IndexerExpression':
        return this.indexer(node);
      case 'PolarityExpression':
        return this.polarity(node);
      case 'EqualityExpression':
        return this.equality(node);
      case 'InequalityExpression':
        return this.inequality(node);
      case 'MembershipExpression':
        return this.membership(node);
      case 'UnionExpression':
        return this.union(node);
      case 'AndExpression':
      case 'OrExpression':
      case 'ImpliesExpression':
        return this.logic(node);
      case 'TypeExpression':
        return this.typeOperator(node);
      default:
        throw new Unsupported(node.type);
    }
  }

  /** Both operands, memoised when they do not depend on the focus, and shared across expressions at the top level. */
  private operands(node: AstNode): [Compiled, Compiled] {
    if (node.children?.length !== 2) throw new Unsupported(`${node.type} without two operands`);
    return [this.operand(child(node, 0)), this.operand(child(node, 1))];
  }

  private topLevel(compiled: Compiled, node: AstNode): Compiled {
    return this.argumentDepth === 0 ? shared(compiled, node, this.keys) : compiled;
  }

  private operand(node: AstNode): Compiled {
    const compiled = memoised(this.compile(node), this.slots, node, this.keys);
    return this.argumentDepth === 0 ? shared(compiled, node, this.keys) : compiled;
  }

  private invocation(invocation: AstNode, left: Compiled | undefined): Compiled {
    const input: Step = left ? left.step : (focus) => focus;
    const fixed = left ? left.fixed : false;
    switch (invocation.type) {
      case 'MemberInvocation': {
        const name = identifierText(child(invocation));
        if (!left) return { step: typePrefixOrMember(name), fixed: false };
        const from = input;
        const cache = createMemberCache();
        return { step: (focus, env) => navigateMember(from(focus, env), name, env.types, cache), fixed };
      }
      case 'ThisInvocation':
        if (left) throw new Unsupported('$this after a dot');
        return { step: (focus) => focus, fixed: false };
      case 'FunctionInvocation': {
        const functn = child(invocation);
        const name = identifierText(child(functn));
        const builder = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!builder) throw new Unsupported(`function ${name}()`);
        const params = functn.children?.[1]?.children ?? [];
        this.argumentDepth++;
        const args: CallArguments = {
          // Arguments see their own focus (the item, for iterating functions), so they are never hoisted here;
          // their own fixed parts are memoised inside them.
          expressions: params.map((param) => memoised(this.compile(param), this.slots, param, this.keys).step),
          typeNames: params.map(typeName),
          stringLiterals: params.map(stringLiteral),
        };
        this.argumentDepth--;
        const applied = builder(args);
        // A function of a fixed input is fixed: its arguments see only that input or its items.
        return { step: (focus, env) => applied(input(focus, env), env), fixed };
      }
      default:
        throw new Unsupported(invocation.type);
    }
  }

  private indexer(node: AstNode): Compiled {
    const target = this.compile(child(node, 0));
    const index = child(node, 1);
    const literalNode = index.type === 'TermExpression' ? child(index) : index;
    if (literalNode.type !== 'LiteralTerm' || child(literalNode).type !== 'NumberLiteral' || !/^\d+$/.test(child(literalNode).text ?? '')) {
      throw new Unsupported('indexer that is not an integer literal');
    }
    const at = Number(child(literalNode).text);
    return { step: (focus, env) => {
      const items = target.step(focus, env);
      return at < items.length ? [items[at]] : EMPTY;
    }, fixed: target.fixed };
  }

  private polarity(node: AstNode): Compiled {
    const operand = this.compile(child(node));
    if (!operand.literal) throw new Unsupported('polarity of a non-literal');
    const items = operand.step([], undefined as unknown as NativeEnv);
    if (items.length !== 1 || typeof items[0].value !== 'number') throw new Unsupported('polarity of a non-number');
    return node.text === '-' ? literal(-items[0].value, items[0].type) : operand;
  }

  private equality(node: AstNode): Compiled {
    if (node.text !== '=' && node.text !== '!=') throw new Unsupported(`operator ${node.text}`);
    const negate = node.text === '!=';
    const [a, b] = this.operands(node);
    return {
      step: (focus, env) => {
        const x = a.step(focus, env);
        const y = b.step(focus, env);
        if (x.length === 0 || y.length === 0) return EMPTY;
        let equal = x.length === y.length;
        for (let i = 0; equal && i < x.length; i++) equal = itemsEqual(x[i], y[i]);
        return booleanItems(equal !== negate);
      },
      fixed: a.fixed && b.fixed,
    };
  }

  private inequality(node: AstNode): Compiled {
    const operator = node.text;
    const test: ((order: number) => boolean) | undefined =
      operator === '<' ? (o) => o < 0 : operator === '>' ? (o) => o > 0 : operator === '<=' ? (o) => o <= 0 : operator === '>=' ? (o) => o >= 0 : undefined;
    if (!test) throw new Unsupported(`operator ${operator}`);
    const [a, b] = this.operands(node);
    return {
      step: (focus, env) => {
        const x = a.step(focus, env);
        const y = b.step(focus, env);
        if (x.length === 0 || y.length === 0) return EMPTY;
        if (x.length > 1 || y.length > 1) return bail('comparison of several items');
        return booleanItems(test(compareItems(x[0], y[0])));
      },
      fixed: a.fixed && b.fixed,
    };
  }

  private membership(node: AstNode): Compiled {
    const [a, b] = this.operands(node);
    // `x in list` and `list contains x`
    const [element, list] = node.text === 'in' ? [a, b] : node.text === 'contains' ? [b, a] : [undefined, undefined];
    if (!element || !list) throw new Unsupported(`operator ${node.text}`);
    // A list that does not depend on the focus is the same array for every item of a where()
    // (`entry.where(%resource...reference contains fullUrl)`, `$this in %resource.entry.fullUrl`):
    // its strings are indexed once per evaluation, so that such a filter is not quadratic in the entries.
    const indexed = list.fixed;
    return {
      step: (focus, env) => {
        const x = element.step(focus, env);
        const ys = list.step(focus, env);
        if (x.length === 0) return EMPTY;
        // Plain strings on both sides compare by value (itemsEqual would say the same, one pair at a time).
        const index = indexed && ys.length >= INDEXED_LIST_LENGTH ? stringIndexOf(ys, env) : null;
        if (index && x.every((item) => plainStringValue(item) !== undefined)) {
          return booleanItems(x.every((item) => index.has(item.value as string)));
        }
        // Several items: each must be in the list, as the HL7 Java validator reads it (fhirpath.js
        // refuses it, and R4's tim-9 asks `when in (...)` of a `when` that repeats).
        let all = true;
        for (const item of x) {
          let found = false;
          for (const y of ys) if (itemsEqual(item, y)) found = true;
          if (!found) all = false;
        }
        return booleanItems(all);
      },
      fixed: a.fixed && b.fixed,
    };
  }

  private union(node: AstNode): Compiled {
    const [a, b] = this.operands(node);
    return {
      step: (focus, env) => {
        const seen = new Set<string | number | boolean>();
        const out: Item[] = [];
        const left = a.step(focus, env);
        const right = b.step(focus, env);
        checkSize(left.length + right.length);
        for (const item of [...left, ...right]) {
          const key = primitiveKey(item);
          if (!seen.has(key)) {
            seen.add(key);
            out.push(item);
          }
        }
        return out;
      },
      fixed: a.fixed && b.fixed,
    };
  }

  private logic(node: AstNode): Compiled {
    const [a, b] = this.operands(node);
    const combine: ((x: boolean | undefined, y: boolean | undefined) => boolean | undefined) | undefined =
      node.text === 'and'
        ? (x, y) => (x === false || y === false ? false : x === true && y === true ? true : undefined)
        : node.text === 'or'
          ? (x, y) => (x === true || y === true ? true : x === false && y === false ? false : undefined)
          : node.text === 'xor'
            ? (x, y) => (x === undefined || y === undefined ? undefined : x !== y)
            : node.text === 'implies'
              ? (x, y) => (x === false ? true : x === true ? y : y === true ? true : undefined)
              : undefined;
    if (!combine) throw new Unsupported(`operator ${node.text}`);
    // What the left operand alone decides: `false and`, `true or`, `false implies` (then true).
    // The right one is not evaluated then, as in the HL7 Java validator (fhirpath.js evaluates it,
    // so the answers differ only where that operand cannot be evaluated).
    const decidedBy: ((x: boolean | undefined) => readonly Item[] | undefined) | undefined =
      node.text === 'and' ? (x) => (x === false ? FALSE_ITEMS : undefined)
        : node.text === 'or' ? (x) => (x === true ? TRUE_ITEMS : undefined)
          : node.text === 'implies' ? (x) => (x === false ? TRUE_ITEMS : undefined)
            : undefined;
    return {
      step: (focus, env) => {
        const x = toBoolean(a.step(focus, env));
        const decided = decidedBy?.(x);
        if (decided) return decided;
        const y = toBoolean(b.step(focus, env));
        return booleanItems(combine(x, y));
      },
      fixed: a.fixed && b.fixed,
    };
  }

  private typeOperator(node: AstNode): Compiled {
    const operand = memoised(this.compile(child(node, 0)), this.slots, child(node, 0), this.keys);
    const specifier = child(node, 1);
    const qualified = child(specifier);
    if (qualified.children?.length !== 1) throw new Unsupported('qualified type name');
    const typeArgument: CallArguments = { expressions: [() => EMPTY], typeNames: [identifierText(child(qualified))], stringLiterals: [undefined] };
    if (node.text === 'is') {
      const applied = FUNCTIONS.is(typeArgument);
      return { step: (focus, env) => applied(operand.step(focus, env), env), fixed: operand.fixed };
    }
    if (node.text !== 'as') throw new Unsupported(`type operator ${node.text}`);
    const name = typeArgument.typeNames[0]!;
    // The operator form takes a single item.
    const filter = SYSTEM_AS_NAMES.has(name) ? systemAs(name) : FUNCTIONS.ofType(typeArgument);
    return {
      step: (focus, env) => {
        const items = operand.step(focus, env);
        if (items.length > 1) return bail('as on several items');
        return filter(items, env);
      },
      fixed: operand.fixed,
    };
  }
}

/**
 * `as String` (Boolean, Integer, Decimal, DateTime, Time): the HL7 Java validator compares the name
 * with the value's FHIR type ignoring case, so a FHIR string is `as String` (profiles are written so:
 * `(...value as String) = 'text'`); fhirpath.js gives nothing, which fails such a constraint.
 */
const SYSTEM_AS_NAMES: ReadonlySet<string> = new Set(['String', 'Boolean', 'Integer', 'Decimal', 'DateTime', 'Time']);

function systemAs(name: string): (items: readonly Item[]) => readonly Item[] {
  const lower = name.toLowerCase();
  const system = `System.${name}`;
  return (items) => items.filter((item) => item.type === system || item.type.toLowerCase() === lower);
}

/** A parameter written as a plain type name (`Coding`, `FHIR.Coding` is not read). */
function typeName(param: AstNode): string | undefined {
  const term = param.type === 'TermExpression' ? param.children?.[0] : undefined;
  const member = term?.type === 'InvocationTerm' ? term.children?.[0] : undefined;
  return member?.type === 'MemberInvocation' ? identifierText(child(member)) : undefined;
}

function stringLiteral(param: AstNode): string | undefined {
  const term = param.type === 'TermExpression' ? param.children?.[0] : undefined;
  const value = term?.type === 'LiteralTerm' ? term.children?.[0] : undefined;
  return value?.type === 'StringLiteral' ? unescapeString(value.text ?? "''") : undefined;
}

export interface NativeProgram {
  readonly step: Step;
  /** Memo slots one evaluation needs. */
  readonly slots: number;
}

/**
 * The program for a parsed expression, or the reason it is left to fhirpath.js. `keys`: the
 * evaluator's syntax keys, the same map for every expression whose values may be shared.
 */
export function compileNative(ast: AstNode, keys: SyntaxKeys = new Map()): NativeProgram | { unsupported: string } {
  const compiler = new NativeCompiler(keys);
  try {
    const compiled = compiler.compile(ast);
    return { step: compiled.step, slots: compiler.slots.next };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}
