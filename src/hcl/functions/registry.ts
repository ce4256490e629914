/**
 * Packer's function table (hcl2template/functions.go `Functions(basedir)`): 102 names plus templatefile.
 * `env` is not in it: Packer offers env() only in variable defaults (see `variableDefaultFunctions`).
 */
import type { HclFunction } from '../hcl.js';
import {
  AllTrueFunc,
  AnyTrueFunc,
  ChunklistFunc,
  CoalesceFunc,
  CoalesceListFunc,
  CompactFunc,
  ConcatFunc,
  ContainsFunc,
  DistinctFunc,
  ElementFunc,
  FlattenFunc,
  IndexFunc,
  KeysFunc,
  LengthFunc,
  LookupFunc,
  MergeFunc,
  RangeFunc,
  ReverseFunc,
  SetIntersectionFunc,
  SetProductFunc,
  SetUnionFunc,
  SliceFunc,
  ValuesFunc,
  ZipmapFunc,
} from './collection.js';
import { type ContextualServices, makeContextualFunctions } from './contextual.js';
import { convertFunc } from './convert-func.js';
import { cryptoFunctions } from './crypto.js';
import { makeDatetimeFunctions } from './datetime.js';
import {
  Base64DecodeFunc,
  Base64EncodeFunc,
  Base64GzipFunc,
  CSVDecodeFunc,
  JSONDecodeFunc,
  JSONEncodeFunc,
  TextDecodeBase64Func,
  TextEncodeBase64Func,
  URLEncodeFunc,
  YAMLDecodeFunc,
  YAMLEncodeFunc,
} from './encoding.js';
import { makeFileFunctions } from './file.js';
import { FormatFunc, FormatListFunc } from './format.js';
import type { GoTime } from './gotime.js';
import { ipnetFunctions } from './ipnet.js';
import {
  AbsFunc,
  CeilFunc,
  FloorFunc,
  LogFunc,
  MaxFunc,
  MinFunc,
  ParseIntFunc,
  PowFunc,
  SignumFunc,
  SumFunc,
} from './numeric.js';
import { RegexAllFunc, RegexFunc, RegexReplaceFunc } from './regex.js';
import {
  ChompFunc,
  EndsWithFunc,
  IndentFunc,
  JoinFunc,
  LowerFunc,
  ReplaceFunc,
  SortFunc,
  SplitFunc,
  StartsWithFunc,
  StrContainsFunc,
  StrrevFunc,
  SubstrFunc,
  TitleFunc,
  TrimFunc,
  TrimPrefixFunc,
  TrimSpaceFunc,
  TrimSuffixFunc,
  UpperFunc,
} from './string.js';
import { makeTemplateFileFunction } from './templatefile.js';
import { canFunc, tryFunc } from './tryfunc.js';
import { uuidFunctions } from './uuid.js';

export interface PackerFunctionOptions {
  /** Directory that relative paths of file functions and templatefile resolve against. */
  readonly baseDir: string;
  /** Clients for vault, consul_key and aws_secretsmanager (and the environment they read). */
  readonly contextual?: ContextualServices;
  /** The run's start time, used by timestamp(), legacy_isotime() and legacy_strftime(). */
  readonly startTime?: GoTime;
}

/** The functions that are the same in every table. */
const pureFunctions: Readonly<Record<string, HclFunction>> = {
  abs: AbsFunc,
  alltrue: AllTrueFunc,
  anytrue: AnyTrueFunc,
  base64decode: Base64DecodeFunc,
  base64encode: Base64EncodeFunc,
  base64gzip: Base64GzipFunc,
  can: canFunc,
  ceil: CeilFunc,
  chomp: ChompFunc,
  chunklist: ChunklistFunc,
  coalesce: CoalesceFunc,
  coalescelist: CoalesceListFunc,
  compact: CompactFunc,
  concat: ConcatFunc,
  contains: ContainsFunc,
  convert: convertFunc,
  csvdecode: CSVDecodeFunc,
  distinct: DistinctFunc,
  element: ElementFunc,
  endswith: EndsWithFunc,
  flatten: FlattenFunc,
  floor: FloorFunc,
  format: FormatFunc,
  formatlist: FormatListFunc,
  indent: IndentFunc,
  index: IndexFunc,
  join: JoinFunc,
  jsondecode: JSONDecodeFunc,
  jsonencode: JSONEncodeFunc,
  keys: KeysFunc,
  length: LengthFunc,
  log: LogFunc,
  lookup: LookupFunc,
  lower: LowerFunc,
  max: MaxFunc,
  merge: MergeFunc,
  min: MinFunc,
  parseint: ParseIntFunc,
  pow: PowFunc,
  range: RangeFunc,
  reverse: ReverseFunc,
  replace: ReplaceFunc,
  regex: RegexFunc,
  regexall: RegexAllFunc,
  regex_replace: RegexReplaceFunc,
  setintersection: SetIntersectionFunc,
  setproduct: SetProductFunc,
  setunion: SetUnionFunc,
  signum: SignumFunc,
  slice: SliceFunc,
  sort: SortFunc,
  split: SplitFunc,
  startswith: StartsWithFunc,
  strcontains: StrContainsFunc,
  strrev: StrrevFunc,
  substr: SubstrFunc,
  sum: SumFunc,
  textdecodebase64: TextDecodeBase64Func,
  textencodebase64: TextEncodeBase64Func,
  title: TitleFunc,
  trim: TrimFunc,
  trimprefix: TrimPrefixFunc,
  trimspace: TrimSpaceFunc,
  trimsuffix: TrimSuffixFunc,
  try: tryFunc,
  upper: UpperFunc,
  urlencode: URLEncodeFunc,
  values: ValuesFunc,
  yamldecode: YAMLDecodeFunc,
  yamlencode: YAMLEncodeFunc,
  zipmap: ZipmapFunc,
  ...cryptoFunctions,
  ...ipnetFunctions,
  ...uuidFunctions,
};

/** Packer's full function table for templates in `opts.baseDir`. */
export function packerFunctions(opts: PackerFunctionOptions): Map<string, HclFunction> {
  const { env: _env, ...contextual } = makeContextualFunctions(opts.contextual);
  const entries = Object.entries({
    ...pureFunctions,
    ...makeDatetimeFunctions(opts.startTime),
    ...makeFileFunctions(opts.baseDir),
    ...contextual,
  }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const table = new Map<string, HclFunction>(entries);
  table.set(
    'templatefile',
    makeTemplateFileFunction(opts.baseDir, () => table),
  );
  return table;
}

/** The functions a `variable` block's default may call: only env(). */
export function variableDefaultFunctions(contextual?: ContextualServices): Map<string, HclFunction> {
  return new Map([['env', makeContextualFunctions(contextual).env!]]);
}
